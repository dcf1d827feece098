package dev.bitmsg.node.store;

import dev.bitmsg.node.wire.Bytes;
import java.util.Optional;

/**
 * One pending or finished proof-of-work job of the node's own bookkeeping objects: publishing an
 * own pubkey or asking for someone else's (PyBitmessage keeps these in its in-memory worker queue;
 * here they are rows, so a crash neither loses nor repeats them). {@code solved} holds the finished
 * object between the end of the work and its storage in the inventory. Immutable.
 *
 * @param address the own address whose pubkey goes out, or the address whose pubkey is asked for
 * @param reason why the job exists ("new address", "getpubkey", "re-publish", "msg 7", ...)
 * @param ttl the TTL the object gets, seconds
 * @param expires expiresTime of the object made (0 until the work is done)
 * @param detail why a job was dropped, or the last error
 */
public record PubkeyWorkJob(
    long id,
    Kind kind,
    String address,
    State state,
    String reason,
    long ttl,
    long created,
    long stateTime,
    long expires,
    Optional<String> powBy,
    Optional<Bytes> solved,
    Optional<String> detail) {

  /** What the job makes. */
  public enum Kind {
    /** An own pubkey object. */
    PUBKEY,
    /** A getpubkey object for someone else's address. */
    GETPUBKEY
  }

  /** Where the job stands; only {@link #QUEUED} and {@link #DOING_POW} are pending. */
  public enum State {
    QUEUED("queued"),
    DOING_POW("doingpow"),
    SENT("sent"),
    /** Not needed any more (pubkey arrived, identity gone or disabled, answered recently). */
    DROPPED("dropped");

    private final String wireName;

    State(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public boolean isPending() {
      return this == QUEUED || this == DOING_POW;
    }
  }
}
