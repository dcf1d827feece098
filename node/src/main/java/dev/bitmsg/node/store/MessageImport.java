package dev.bitmsg.node.store;

import dev.bitmsg.node.wire.Bytes;
import java.util.OptionalLong;

/**
 * Adds messages that another client sent or received, as they stand there: an import keeps their
 * msgid, times, status and ack data. Both calls skip a message already present, so an import can
 * run again without adding anything. Implementations are thread-safe.
 */
public interface MessageImport {
  /**
   * Adds a received message with its {@link InboxEntry#msgid()} (id ignored); false when a message
   * with that msgid or signature hash is already in the inbox.
   */
  boolean addReceived(InboxEntry entry);

  /**
   * Adds a sent row with its status, times, retries, ack data, trash mark and {@link
   * OutboxEntry#msgid()} (id ignored), its history one change to its status at its status time;
   * returns the new row's id, or empty when a row with that msgid exists.
   */
  OptionalLong addSent(OutboxEntry entry);

  /** Whether the inbox holds a message with this msgid or this signature hash. */
  boolean hasReceived(Bytes msgid, Bytes sigHash);

  /** Whether the outbox holds a row with this msgid. */
  boolean hasSent(Bytes msgid);
}
