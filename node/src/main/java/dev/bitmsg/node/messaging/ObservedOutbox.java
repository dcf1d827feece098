package dev.bitmsg.node.messaging;

import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.wire.Bytes;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Outbox} that tells the listeners about every row queued and every status change, after it
 * committed, with the row as it was before. The changing calls are serialised so that the row read
 * before a change is the one it replaced and listeners see the changes of a row in order; they are
 * few and cheap next to the work they stand for, and each reads only the rows it changes, so the
 * cost does not grow with the mailbox. Thread-safe.
 */
final class ObservedOutbox implements Outbox {
  private final Outbox outbox;
  private final MessagingListeners listeners;

  ObservedOutbox(Outbox outbox, MessagingListeners listeners) {
    this.outbox = outbox;
    this.listeners = listeners;
  }

  @Override
  public synchronized long add(OutboxEntry entry) {
    long id = outbox.add(entry);
    outbox
        .get(id)
        .ifPresent(now -> listeners.outboxChanged(new OutboxChange(now, Optional.empty())));
    return id;
  }

  @Override
  public Optional<OutboxEntry> get(long id) {
    return outbox.get(id);
  }

  @Override
  public List<OutboxEntry> all() {
    return outbox.all();
  }

  @Override
  public List<RowId> sentIds() {
    return outbox.sentIds();
  }

  @Override
  public List<OutboxEntry> sentFolder() {
    return outbox.sentFolder();
  }

  @Override
  public List<OutboxEntry> sentFrom(String address) {
    return outbox.sentFrom(address);
  }

  @Override
  public Optional<OutboxEntry> byAckData(Bytes ackData) {
    return outbox.byAckData(ackData);
  }

  @Override
  public Optional<OutboxEntry> byMsgid(Bytes msgid) {
    return outbox.byMsgid(msgid);
  }

  @Override
  public List<OutboxEntry> withStatus(Set<SendStatus> statuses) {
    return outbox.withStatus(statuses);
  }

  @Override
  public List<OutboxEntry> toSend(Set<SendStatus> statuses) {
    return outbox.toSend(statuses);
  }

  @Override
  public Map<SendStatus, Long> countByStatus() {
    return outbox.countByStatus();
  }

  @Override
  public synchronized void setStatus(
      long id, SendStatus status, long now, Optional<String> detail) {
    Optional<OutboxEntry> before = outbox.get(id);
    outbox.setStatus(id, status, now, detail);
    told(id, before);
  }

  @Override
  public void saveSolved(long id, Bytes object, String powBy) {
    outbox.saveSolved(id, object, powBy);
  }

  @Override
  public synchronized void markSent(
      long id, SendStatus status, int retries, long sleepTill, long now) {
    Optional<OutboxEntry> before = outbox.get(id);
    outbox.markSent(id, status, retries, sleepTill, now);
    told(id, before);
  }

  @Override
  public synchronized void markAwaiting(long id, int retries, long sleepTill, long now) {
    Optional<OutboxEntry> before = outbox.get(id);
    outbox.markAwaiting(id, retries, sleepTill, now);
    told(id, before);
  }

  @Override
  public synchronized boolean stop(long id, SendStatus end, long now, String detail) {
    Optional<OutboxEntry> before = outbox.get(id);
    boolean stopped = outbox.stop(id, end, now, detail);
    told(id, before);
    return stopped;
  }

  @Override
  public boolean setTrashed(long id, boolean trashed) {
    return outbox.setTrashed(id, trashed);
  }

  @Override
  public synchronized int requeueInterrupted(long now) {
    List<OutboxEntry> before = outbox.withStatus(EnumSet.of(SendStatus.DOING_POW));
    int n = outbox.requeueInterrupted(now);
    for (OutboxEntry b : before) {
      told(b.id(), Optional.of(b));
    }
    return n;
  }

  @Override
  public List<Change> history(long id) {
    return outbox.history(id);
  }

  @Override
  public Set<Long> deleteTrashed() {
    return outbox.deleteTrashed();
  }

  /** Tells the listeners when row {@code id} differs in status or detail from {@code before}. */
  private void told(long id, Optional<OutboxEntry> before) {
    Optional<OutboxEntry> now = outbox.get(id);
    if (now.isEmpty()) {
      return;
    }
    if (before.isPresent()
        && before.get().status() == now.get().status()
        && before.get().detail().equals(now.get().detail())) {
      return;
    }
    listeners.outboxChanged(new OutboxChange(now.get(), before));
  }
}
