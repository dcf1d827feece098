package dev.bitmsg.node.store.sqlite;

import dev.bitmsg.node.store.Inbox;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.PubkeyStore;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.store.StoredPubkey;
import dev.bitmsg.node.wire.Bytes;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The node's mail in one object: {@link Outbox} ({@link SqliteOutbox}: {@code outbox}, {@code
 * status_history}), {@link Inbox} ({@link SqliteInbox}: {@code inbox}) and {@link PubkeyStore}
 * ({@link SqlitePubkeys}: {@code pubkeys}) on one database. Thread-safe.
 */
public final class SqliteMailStore implements Outbox, Inbox, PubkeyStore {
  private final SqliteOutbox outbox;
  private final SqliteInbox inbox;
  private final SqlitePubkeys pubkeys;

  public SqliteMailStore(SqliteDatabase db) {
    this.outbox = new SqliteOutbox(db);
    this.inbox = new SqliteInbox(db);
    this.pubkeys = new SqlitePubkeys(db);
  }

  // ---- outbox ----

  @Override
  public long add(OutboxEntry e) {
    return outbox.add(e);
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
  public List<OutboxEntry> withStatus(Set<SendStatus> statuses) {
    return outbox.withStatus(statuses);
  }

  @Override
  public void setStatus(long id, SendStatus status, long now, Optional<String> detail) {
    outbox.setStatus(id, status, now, detail);
  }

  @Override
  public void saveSolved(long id, Bytes object, String powBy) {
    outbox.saveSolved(id, object, powBy);
  }

  @Override
  public void markSent(long id, SendStatus status, int retries, long sleepTill, long now) {
    outbox.markSent(id, status, retries, sleepTill, now);
  }

  @Override
  public void markAwaiting(long id, int retries, long sleepTill, long now) {
    outbox.markAwaiting(id, retries, sleepTill, now);
  }

  @Override
  public int requeueInterrupted(long now) {
    return outbox.requeueInterrupted(now);
  }

  @Override
  public List<Change> history(long id) {
    return outbox.history(id);
  }

  @Override
  public Set<Long> deleteFinished(Collection<Long> ids) {
    return outbox.deleteFinished(ids);
  }

  // ---- inbox ----

  @Override
  public boolean add(InboxEntry e) {
    return inbox.add(e);
  }

  @Override
  public List<InboxEntry> received() {
    return inbox.received();
  }

  @Override
  public long count() {
    return inbox.count();
  }

  @Override
  public int delete(Collection<Bytes> sigHashes) {
    return inbox.delete(sigHashes);
  }

  // ---- pubkeys ----

  @Override
  public void put(StoredPubkey p) {
    pubkeys.put(p);
  }

  @Override
  public Optional<StoredPubkey> get(String address) {
    return pubkeys.get(address);
  }

  @Override
  public void markUsed(String address) {
    pubkeys.markUsed(address);
  }

  @Override
  public int deleteUnusedBefore(long cutoff) {
    return pubkeys.deleteUnusedBefore(cutoff);
  }
}
