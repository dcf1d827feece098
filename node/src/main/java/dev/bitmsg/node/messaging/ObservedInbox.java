package dev.bitmsg.node.messaging;

import dev.bitmsg.node.store.Inbox;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.wire.Bytes;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link Inbox} that tells the listeners about every message it files, after the insert committed
 * (a duplicate, refused by its sigHash, is not told). Thread-safe.
 */
final class ObservedInbox implements Inbox {
  private final Inbox inbox;
  private final MessagingListeners listeners;

  ObservedInbox(Inbox inbox, MessagingListeners listeners) {
    this.inbox = inbox;
    this.listeners = listeners;
  }

  @Override
  public boolean add(InboxEntry entry) {
    boolean added = inbox.add(entry);
    if (added) {
      listeners.inboxAdded(entry);
    }
    return added;
  }

  @Override
  public List<InboxEntry> received() {
    return inbox.received();
  }

  @Override
  public List<Bytes> msgids() {
    return inbox.msgids();
  }

  @Override
  public Optional<InboxEntry> find(Bytes msgid) {
    return inbox.find(msgid);
  }

  @Override
  public List<InboxEntry> receivedBy(String to) {
    return inbox.receivedBy(to);
  }

  @Override
  public long count() {
    return inbox.count();
  }

  @Override
  public int delete(Collection<Bytes> ids) {
    return inbox.delete(ids);
  }
}
