package dev.bitmsg.node.messaging;

import dev.bitmsg.node.store.InboxEntry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered {@link MessagingListener}s of one node, told by the observing store decorators
 * ({@link MessagingStores#observedBy}). A listener that throws is logged and kept. Thread-safe.
 */
public final class MessagingListeners {
  private static final Logger log = LoggerFactory.getLogger(MessagingListeners.class);

  private final List<MessagingListener> listeners = new CopyOnWriteArrayList<>();

  public void add(MessagingListener listener) {
    listeners.add(listener);
  }

  public void remove(MessagingListener listener) {
    listeners.remove(listener);
  }

  void inboxAdded(InboxEntry entry) {
    for (MessagingListener l : listeners) {
      try {
        l.inboxAdded(entry);
      } catch (RuntimeException e) {
        log.warn("messaging listener failed event=inbox", e);
      }
    }
  }

  void outboxChanged(OutboxChange change) {
    for (MessagingListener l : listeners) {
      try {
        l.outboxChanged(change);
      } catch (RuntimeException e) {
        log.warn("messaging listener failed event=outbox id={}", change.entry().id(), e);
      }
    }
  }

  void pubkeyWorkChanged(PubkeyWorkJobChange change) {
    for (MessagingListener l : listeners) {
      try {
        l.pubkeyWorkChanged(change);
      } catch (RuntimeException e) {
        log.warn("messaging listener failed event=pubkey-work job={}", change.job().id(), e);
      }
    }
  }
}
