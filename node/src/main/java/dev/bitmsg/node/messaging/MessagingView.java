package dev.bitmsg.node.messaging;

import dev.bitmsg.node.store.PubkeyWorkJob;
import dev.bitmsg.node.store.SendStatus;
import java.util.List;
import java.util.Map;

/**
 * What the node's outside interfaces (event stream, metrics) observe of messaging: counts read from
 * the stores, and every committed change pushed to listeners. Implemented by {@link Messenger}.
 * Thread-safe.
 */
public interface MessagingView {
  /** Messages and broadcasts in the inbox. */
  long inboxCount();

  /** Outbox rows by status (statuses without rows are left out). */
  Map<SendStatus, Long> outboxCounts();

  /** Pubkey and getpubkey jobs queued or doing proof of work, oldest first. */
  List<PubkeyWorkJob> pendingPubkeyWork();

  void addListener(MessagingListener listener);

  void removeListener(MessagingListener listener);
}
