package dev.bitmsg.node.store;

import dev.bitmsg.node.wire.InventoryVector;
import java.util.Collection;
import java.util.List;

/**
 * The objects stored in the inventory whose processing by the receiver (trial decryption and its
 * effects: inbox row, ack publication, pubkey storage, ...) has not finished yet. The inventory
 * adds every new object here in the same transaction that stores it, and an object leaves only
 * through {@link #done} after its effects have committed, so a process killed at any moment finds
 * its unfinished objects here at the next start. Implementations are thread-safe; failures throw
 * {@link StoreException}.
 */
public interface ReceiveQueue {
  /**
   * A queued object with its position in the queue (positions grow with arrival).
   *
   * @param position where to continue with {@link #after}
   */
  record Pending(long position, InventoryItem item) {}

  /**
   * Up to {@code limit} queued objects after {@code position} (0: from the start), oldest first.
   */
  List<Pending> after(long position, int limit);

  /** Removes these objects from the queue (unknown ones are skipped), in one transaction. */
  void done(Collection<InventoryVector> vectors);

  /** Objects in the queue. */
  long size();
}
