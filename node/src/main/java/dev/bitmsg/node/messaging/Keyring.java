package dev.bitmsg.node.messaging;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressCrypto;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.crypto.KeyPair;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.node.wire.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory snapshot of the own identities and subscriptions with what receiving needs
 * precomputed: the list of encryption keys for msg trial decryption, the tags of own v4 addresses
 * and of subscriptions with their address-derived keys, the legacy broadcast keys of v2/v3
 * subscriptions. Rebuilt from the {@link IdentityStore} after every change. Thread-safe (an
 * immutable snapshot behind a volatile reference).
 */
public final class Keyring {
  /** A subscription with its derived broadcast key. Immutable. */
  public record Subscribed(BitmessageAddress address, String text, KeyPair key) {}

  private record Snapshot(
      List<Identity> identities,
      List<Identity> receiving,
      List<PrivateKey> receivingKeys,
      Map<Bytes, Identity> ownByTag,
      Map<Bytes, Subscribed> subscribedByTag,
      List<Subscribed> legacySubscriptions,
      List<PrivateKey> legacyKeys) {}

  private final IdentityStore store;
  private final AddressCodec codec;
  private final AddressCrypto crypto;
  private volatile Snapshot snapshot;

  public Keyring(IdentityStore store, AddressCodec codec, AddressCrypto crypto) {
    this.store = store;
    this.codec = codec;
    this.crypto = crypto;
    reload();
  }

  /** Re-reads identities and subscriptions from the store. */
  public synchronized void reload() {
    List<Identity> all = store.identities();
    List<Identity> receiving = new ArrayList<>();
    List<PrivateKey> keys = new ArrayList<>();
    Map<Bytes, Identity> byTag = new HashMap<>();
    for (Identity id : all) {
      if (!id.enabled()) {
        continue;
      }
      receiving.add(id);
      keys.add(id.encryption().privateKey());
      if (id.address().version() >= 4) {
        byTag.put(Bytes.of(crypto.tag(id.address()).bytes()), id);
      }
    }
    Map<Bytes, Subscribed> subsByTag = new HashMap<>();
    List<Subscribed> legacy = new ArrayList<>();
    List<PrivateKey> legacyKeys = new ArrayList<>();
    for (IdentityStore.Subscription s : store.subscriptions()) {
      if (!s.enabled()) {
        continue;
      }
      BitmessageAddress a = codec.decode(s.address());
      if (a.version() >= 4) {
        subsByTag.put(
            Bytes.of(crypto.tag(a).bytes()), new Subscribed(a, s.address(), crypto.taggedKey(a)));
      } else {
        Subscribed sub = new Subscribed(a, s.address(), crypto.legacyBroadcastKey(a));
        legacy.add(sub);
        legacyKeys.add(sub.key().privateKey());
      }
    }
    snapshot =
        new Snapshot(
            List.copyOf(all),
            List.copyOf(receiving),
            List.copyOf(keys),
            Map.copyOf(byTag),
            Map.copyOf(subsByTag),
            List.copyOf(legacy),
            List.copyOf(legacyKeys));
  }

  public List<Identity> identities() {
    return snapshot.identities();
  }

  /** Enabled identities, in the order of {@link #receivingKeys()}. */
  public List<Identity> receiving() {
    return snapshot.receiving();
  }

  public List<PrivateKey> receivingKeys() {
    return snapshot.receivingKeys();
  }

  public Optional<Identity> ownByTag(Bytes tag) {
    return Optional.ofNullable(snapshot.ownByTag().get(tag));
  }

  public Optional<Identity> own(BitmessageAddress address) {
    for (Identity id : snapshot.identities()) {
      if (id.address().equals(address)) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  public Optional<Subscribed> subscribedByTag(Bytes tag) {
    return Optional.ofNullable(snapshot.subscribedByTag().get(tag));
  }

  public List<Subscribed> legacySubscriptions() {
    return snapshot.legacySubscriptions();
  }

  public List<PrivateKey> legacyKeys() {
    return snapshot.legacyKeys();
  }

  public String text(BitmessageAddress address) {
    return codec.encode(address);
  }
}
