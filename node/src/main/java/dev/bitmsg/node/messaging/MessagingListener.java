package dev.bitmsg.node.messaging;

import dev.bitmsg.node.store.InboxEntry;

/**
 * Told about every change of the messaging stores once it is committed, by the code that made it
 * (no polling): a message filed in the inbox, an outbox row queued or changing status, a pubkey
 * work job changing state. Called on the changing thread (the sender thread, a receiver thread or
 * an API thread) in commit order per store: implementations must return quickly and must not block
 * or call back into the stores. Register with {@link MessagingView#addListener}.
 */
public interface MessagingListener {
  /** A message or broadcast was filed in the inbox (its id is not known to the listener: 0). */
  default void inboxAdded(InboxEntry entry) {}

  /** An outbox row was queued or changed status. */
  default void outboxChanged(OutboxChange change) {}

  /** A pubkey or getpubkey job was queued or entered a new state. */
  default void pubkeyWorkChanged(PubkeyWorkJobChange change) {}
}
