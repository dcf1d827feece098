package dev.bitmsg.node.store;

import dev.bitmsg.node.wire.Bytes;
import java.util.Optional;

/**
 * A received message or broadcast. {@code sigHash} ({@code dsha512(signature)[32..64]}) makes
 * duplicates detectable. Immutable.
 *
 * @param to the own address (msg) or empty (broadcast)
 * @param msgid the message id another client gave it (PyBitmessage's inventory hash, kept by an
 *     import so that clients holding it still find the message); empty for messages received here
 */
public record InboxEntry(
    long id,
    OutboxEntry.Kind kind,
    Optional<String> to,
    String from,
    long encoding,
    Bytes message,
    long received,
    Bytes sigHash,
    Optional<Bytes> msgid) {

  /** A message received here (no foreign msgid). */
  public InboxEntry(
      long id,
      OutboxEntry.Kind kind,
      Optional<String> to,
      String from,
      long encoding,
      Bytes message,
      long received,
      Bytes sigHash) {
    this(id, kind, to, from, encoding, message, received, sigHash, Optional.empty());
  }

  /** The id clients know it by: the msgid another client gave it, else the signature hash. */
  public Bytes apiMsgid() {
    return msgid.orElse(sigHash);
  }
}
