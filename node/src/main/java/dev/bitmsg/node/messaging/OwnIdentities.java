package dev.bitmsg.node.messaging;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.pow.Difficulty;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * Own identities, subscriptions and chans: creating (random, deterministic, chans), importing,
 * deleting, labels and the enabled flag. Every change reloads the keyring; a new non-chan address
 * gets a pubkey publication job and wakes the sender. Thread-safe (the stores are).
 */
final class OwnIdentities {
  private final Clock clock;
  private final IdentityStore identities;
  private final Keyring keyring;
  private final AddressCodec codec;
  private final IdentityGenerator generator;
  private final PubkeyWork pubkeyWork;
  private final Runnable wake;

  OwnIdentities(
      Clock clock,
      IdentityStore identities,
      Keyring keyring,
      AddressCodec codec,
      IdentityGenerator generator,
      PubkeyWork pubkeyWork,
      Runnable wake) {
    this.clock = clock;
    this.identities = identities;
    this.keyring = keyring;
    this.codec = codec;
    this.generator = generator;
    this.pubkeyWork = pubkeyWork;
    this.wake = wake;
  }

  /** A new random v4 identity; its pubkey is published. */
  Identity createRandom(String label, boolean shorter, Difficulty demanded) {
    Identity id = generator.random(4, 1, shorter, label).withDifficulty(demanded);
    add(id, true);
    return id;
  }

  /** The first {@code count} deterministic identities of {@code passphrase}; pubkeys published. */
  List<Identity> createDeterministic(
      String passphrase, int count, int version, boolean shorter, Difficulty demanded) {
    List<Identity> out =
        generator
            .deterministic(passphrase.getBytes(StandardCharsets.UTF_8), count, version, 1, shorter)
            .stream()
            .map(d -> d.identity().withDifficulty(demanded))
            .toList();
    for (Identity id : out) {
      // PyBitmessage leaves an address it already has as it is (label, settings).
      if (identities.identity(codec.encode(id.address())).isEmpty()) {
        add(id, true);
      }
    }
    return out;
  }

  /** Stores an existing identity (keys.dat import) without publishing its pubkey. */
  void importIdentity(Identity id) {
    add(id, false);
  }

  /** Creates or joins the chan {@code name}; chans never publish pubkeys. */
  Identity joinChan(String name) {
    Identity id = generator.chan(name);
    add(id, false);
    return id;
  }

  /** Joins the chan {@code name} checking that it derives to {@code expectedAddress}. */
  Identity joinChan(String name, String expectedAddress) {
    Identity id = generator.chan(name);
    if (!codec.decode(expectedAddress).equals(id.address())) {
      throw new IllegalArgumentException(
          "chan name '" + name + "' does not give " + expectedAddress);
    }
    add(id, false);
    return id;
  }

  private void add(Identity id, boolean publishPubkey) {
    identities.put(id, now());
    keyring.reload();
    if (publishPubkey && !id.chan()) {
      pubkeyWork.publishOwn(codec.encode(id.address()), "new address");
      wake.run();
    }
  }

  boolean leaveChan(String address) {
    return delete(address);
  }

  boolean delete(String address) {
    boolean gone = identities.delete(address);
    keyring.reload();
    return gone;
  }

  void setLabel(String address, String label) {
    Identity id = identities.identity(address).orElseThrow(() -> unknown(address));
    identities.put(id.withLabel(label), now());
    keyring.reload();
  }

  void setEnabled(String address, boolean enabled) {
    Identity id = identities.identity(address).orElseThrow(() -> unknown(address));
    identities.put(id.withEnabled(enabled), now());
    keyring.reload();
  }

  List<Identity> identities() {
    return keyring.identities();
  }

  void subscribe(String address, String label) {
    codec.decode(address);
    identities.subscribe(new IdentityStore.Subscription(address, label, true), now());
    keyring.reload();
  }

  boolean unsubscribe(String address) {
    boolean gone = identities.unsubscribe(address);
    keyring.reload();
    return gone;
  }

  List<IdentityStore.Subscription> subscriptions() {
    return identities.subscriptions();
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  static IllegalArgumentException unknown(String address) {
    return new IllegalArgumentException("not an own identity: " + address);
  }
}
