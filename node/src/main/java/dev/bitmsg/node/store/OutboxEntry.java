package dev.bitmsg.node.store;

import dev.bitmsg.node.wire.Bytes;
import java.util.Optional;

/**
 * One row of the outbox: a message or broadcast with its sending state. {@code solved} holds the
 * finished object (nonce found) between the end of the proof of work and its storage in the
 * inventory, so a crash in between never makes it twice. Immutable.
 *
 * @param ackData the ack data watched for (msgs that expect an ack), kept across resends
 * @param retries sends (or getpubkey requests) made so far, drives the TTL doubling
 * @param sleepTill epoch seconds before which the row is not looked at again
 * @param powBy which provider did the last proof of work ("cpu", "remote ...")
 * @param trashed in the trash (PyBitmessage's {@code folder='trash'}): never worked on again
 * @param stoppedFrom the status the row was in when it was given up ({@link SendStatus#FAILED}) or
 *     cancelled ({@link SendStatus#CANCELLED})
 * @param msgid the message id another client gave the row (PyBitmessage's 16-byte msgid, kept by an
 *     import so that clients holding it still find the row); empty for rows queued here
 */
public record OutboxEntry(
    long id,
    Kind kind,
    String from,
    Optional<String> to,
    long encoding,
    Bytes message,
    long ttl,
    Optional<Bytes> ackData,
    SendStatus status,
    long statusTime,
    long created,
    int retries,
    long sleepTill,
    Optional<String> powBy,
    Optional<Bytes> solved,
    Optional<String> detail,
    boolean trashed,
    Optional<SendStatus> stoppedFrom,
    Optional<Bytes> msgid) {

  /** A row queued here (no foreign msgid). */
  public OutboxEntry(
      long id,
      Kind kind,
      String from,
      Optional<String> to,
      long encoding,
      Bytes message,
      long ttl,
      Optional<Bytes> ackData,
      SendStatus status,
      long statusTime,
      long created,
      int retries,
      long sleepTill,
      Optional<String> powBy,
      Optional<Bytes> solved,
      Optional<String> detail,
      boolean trashed,
      Optional<SendStatus> stoppedFrom) {
    this(
        id,
        kind,
        from,
        to,
        encoding,
        message,
        ttl,
        ackData,
        status,
        statusTime,
        created,
        retries,
        sleepTill,
        powBy,
        solved,
        detail,
        trashed,
        stoppedFrom,
        Optional.empty());
  }

  /** What is being sent. */
  public enum Kind {
    MSG,
    BROADCAST
  }
}
