package dev.bitmsg.node.store;

import java.util.Optional;

/**
 * Public keys of other addresses. A key is "used personally" once we sent to its address; such keys
 * are kept, the others are deleted some time after they arrived (PyBitmessage's {@code
 * usedpersonally} column and its 28-day cleanup). Implementations are thread-safe.
 */
public interface PubkeyStore {
  /** Stores or replaces the key of {@code pubkey.address()}; a used-personally mark is kept. */
  void put(StoredPubkey pubkey);

  Optional<StoredPubkey> get(String address);

  /** Marks the key of {@code address} as used by us (kept by {@link #deleteUnusedBefore}). */
  void markUsed(String address);

  /** Deletes keys never used by us that arrived before {@code cutoff}; returns the count. */
  int deleteUnusedBefore(long cutoff);
}
