package dev.bitmsg.node.store;

import dev.bitmsg.node.address.Identity;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Own identities (private keys, sealed at rest when a key passphrase is set) and subscriptions.
 * Addresses are keyed by their BM- text. Implementations are thread-safe.
 */
public interface IdentityStore {
  /** A subscribed broadcast sender. Immutable. */
  record Subscription(String address, String label, boolean enabled) {}

  /** Inserts or replaces an identity; {@code created} only counts for new rows. */
  void put(Identity identity, long created);

  List<Identity> identities();

  Optional<Identity> identity(String address);

  boolean delete(String address);

  /** When this identity's pubkey was last published. */
  OptionalLong pubkeySent(String address);

  /** Records that the pubkey went out now and clears a pending publication. */
  void markPubkeySent(String address, long when);

  /** Marks the pubkey as to be published (survives a restart until {@link #markPubkeySent}). */
  void markPublishPending(String address);

  /** Addresses whose pubkey publication is pending. */
  List<String> publishPending();

  void subscribe(Subscription subscription, long created);

  boolean unsubscribe(String address);

  List<Subscription> subscriptions();
}
