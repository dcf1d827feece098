package dev.bitmsg.node.store;

import dev.bitmsg.node.wire.Bytes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Persistent outgoing messages and broadcasts with their status history. Implementations are
 * thread-safe; failures throw {@link StoreException}.
 */
public interface Outbox {
  /** A status change with its time. Immutable. */
  record Change(SendStatus status, long at) {}

  /** Stores a new row (its id is ignored) in {@code QUEUED} and returns its id. */
  long add(OutboxEntry entry);

  Optional<OutboxEntry> get(long id);

  List<OutboxEntry> all();

  /**
   * A row's id and the msgid an import kept for it (empty for a row made here): what names a row to
   * clients. Immutable.
   */
  record RowId(long id, Optional<Bytes> msgid) {}

  /**
   * The rows not in the trash (PyBitmessage's sent folder), in its order ({@link #sentFolder}), as
   * ids, without reading the rows: what an id listing needs.
   */
  default List<RowId> sentIds() {
    return sentFolder().stream().map(e -> new RowId(e.id(), e.msgid())).toList();
  }

  /**
   * The rows not in the trash (PyBitmessage's sent folder) in PyBitmessage's order: by the time of
   * their last status change, then as stored.
   */
  default List<OutboxEntry> sentFolder() {
    return all().stream()
        .filter(e -> !e.trashed())
        .sorted(
            Comparator.comparingLong(OutboxEntry::statusTime).thenComparingLong(OutboxEntry::id))
        .toList();
  }

  /** The rows of the sent folder sent from {@code address}, in its order (an index lookup). */
  default List<OutboxEntry> sentFrom(String address) {
    return sentFolder().stream().filter(e -> e.from().equals(address)).toList();
  }

  /** The row whose stored ack data is {@code ackData}, trashed or not (an index lookup). */
  default Optional<OutboxEntry> byAckData(Bytes ackData) {
    return all().stream().filter(e -> e.ackData().map(ackData::equals).orElse(false)).findFirst();
  }

  /**
   * The row an import kept this msgid for, trashed or not (an index lookup); rows made here have
   * none.
   */
  default Optional<OutboxEntry> byMsgid(Bytes msgid) {
    return all().stream().filter(e -> e.msgid().map(msgid::equals).orElse(false)).findFirst();
  }

  /** Rows in these statuses, trashed ones included. */
  List<OutboxEntry> withStatus(Set<SendStatus> statuses);

  /** Rows in these statuses that are not in the trash: the ones the sender works on. */
  List<OutboxEntry> toSend(Set<SendStatus> statuses);

  /** The number of rows in each status (statuses without rows are left out). */
  Map<SendStatus, Long> countByStatus();

  /** Sets the status (recording the change) and the detail text. */
  void setStatus(long id, SendStatus status, long now, Optional<String> detail);

  /** Keeps the finished object of row {@code id} until it is in the inventory. */
  void saveSolved(long id, Bytes object, String powBy);

  /**
   * The object is in the inventory: clears {@code solved}, sets {@code status}, the retry count and
   * the time to look again.
   */
  void markSent(long id, SendStatus status, int retries, long sleepTill, long now);

  /** A getpubkey went out: {@code AWAITING_PUBKEY} with the retry count and time to look again. */
  void markAwaiting(long id, int retries, long sleepTill, long now);

  /**
   * Ends a row that is not final yet with {@code end} ({@link SendStatus#FAILED} or {@link
   * SendStatus#CANCELLED}), recording the status it was in and the change; returns whether it did.
   */
  boolean stop(long id, SendStatus end, long now, String detail);

  /** Moves a row to the trash or back; returns whether the row exists. */
  boolean setTrashed(long id, boolean trashed);

  /** Rows left in {@code DOING_POW} by a crash go back to {@code QUEUED}; returns the count. */
  int requeueInterrupted(long now);

  List<Change> history(long id);

  /**
   * Deletes the trashed rows with their history, except one whose proof of work is still being
   * stopped ({@code DOING_POW}: a later call takes it); returns the ids deleted.
   */
  Set<Long> deleteTrashed();
}
