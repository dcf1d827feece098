package dev.bitmsg.node.store;

import java.util.Optional;

/** Public keys of other addresses. Implementations are thread-safe. */
public interface PubkeyStore {
  /** Stores or replaces the key of {@code pubkey.address()}. */
  void put(StoredPubkey pubkey);

  Optional<StoredPubkey> get(String address);
}
