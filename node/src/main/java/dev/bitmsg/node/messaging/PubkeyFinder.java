package dev.bitmsg.node.messaging;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressCrypto;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.Ecies;
import dev.bitmsg.node.crypto.PublicKey;
import dev.bitmsg.node.crypto.Verifier;
import dev.bitmsg.node.store.Inventory;
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.store.PubkeyStore;
import dev.bitmsg.node.store.StoredPubkey;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectPayload;
import dev.bitmsg.node.wire.ObjectPayloads;
import dev.bitmsg.node.wire.ObjectType;
import dev.bitmsg.node.wire.ProtocolException;
import dev.bitmsg.node.wire.PubkeyBody;
import dev.bitmsg.node.wire.PubkeyV2;
import dev.bitmsg.node.wire.PubkeyV3;
import dev.bitmsg.node.wire.PubkeyV4;
import dev.bitmsg.node.wire.SignedData;
import dev.bitmsg.pow.Difficulty;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;

/**
 * Reads pubkey objects (PROTOCOL.md section 8): v2 as is, v3 with its signature checked, v4
 * decrypted with the address-derived key of the address it is expected for, signature checked and
 * the keys' ripe compared with the address. Verified keys are stored. Also looks in the inventory
 * for a v4 pubkey already held. Thread-safe.
 */
public final class PubkeyFinder {
  private final AddressCodec codec;
  private final AddressCrypto crypto;
  private final Ecies ecies;
  private final Verifier verifier;
  private final Inventory inventory;
  private final PubkeyStore pubkeys;
  private final Clock clock;

  public PubkeyFinder(
      AddressCodec codec,
      AddressCrypto crypto,
      Ecies ecies,
      Verifier verifier,
      Inventory inventory,
      PubkeyStore pubkeys,
      Clock clock) {
    this.codec = codec;
    this.crypto = crypto;
    this.ecies = ecies;
    this.verifier = verifier;
    this.inventory = inventory;
    this.pubkeys = pubkeys;
    this.clock = clock;
  }

  /** A v4 pubkey of {@code address} already in the inventory, verified and stored. */
  public Optional<StoredPubkey> fromInventory(BitmessageAddress address) {
    if (address.version() < 4) {
      return Optional.empty();
    }
    Bytes tag = Bytes.of(crypto.tag(address).bytes());
    for (InventoryItem item : inventory.byTag(ObjectType.PUBKEY, tag)) {
      Optional<StoredPubkey> pk = readV4(item.toObject(), address);
      if (pk.isPresent()) {
        return pk;
      }
    }
    return Optional.empty();
  }

  /** Decrypts and verifies a v4 pubkey object expected to belong to {@code address}; stores it. */
  public Optional<StoredPubkey> readV4(ObjectMessage object, BitmessageAddress address) {
    try {
      if (!(ObjectPayloads.parse(object) instanceof PubkeyV4 v4)) {
        return Optional.empty();
      }
      if (object.version() != address.version() || object.stream() != address.stream()) {
        return Optional.empty();
      }
      byte[] plain =
          ecies
              .open(v4.encrypted().toByteArray())
              .tryDecrypt(crypto.taggedKey(address).privateKey())
              .orElse(null);
      if (plain == null) {
        return Optional.empty();
      }
      ByteBuffer buf = ByteBuffer.wrap(plain);
      PubkeyBody body = PubkeyBody.read(buf);
      Bytes signed = SignedData.pubkeyV4(object.header(), v4.tag(), body);
      return accept(
          address,
          body.behaviorBitfield(),
          body.signingKey(),
          body.encryptionKey(),
          body.difficulty(),
          signed,
          body.signature());
    } catch (ProtocolException | CryptoException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Reads a v2 or v3 pubkey (the address follows from the keys); verifies and stores it. */
  public Optional<StoredPubkey> readPlain(ObjectMessage object) {
    try {
      ObjectPayload p = ObjectPayloads.parse(object);
      if (p instanceof PubkeyV3 v3) {
        PubkeyBody b = v3.body();
        BitmessageAddress a = addressOf(3, object.stream(), b.signingKey(), b.encryptionKey());
        return accept(
            a,
            b.behaviorBitfield(),
            b.signingKey(),
            b.encryptionKey(),
            b.difficulty(),
            SignedData.of(object, v3),
            b.signature());
      }
      if (p instanceof PubkeyV2 v2) {
        BitmessageAddress a = addressOf(2, object.stream(), v2.signingKey(), v2.encryptionKey());
        StoredPubkey pk =
            new StoredPubkey(
                codec.encode(a),
                v2.behaviorBitfield(),
                v2.signingKey(),
                v2.encryptionKey(),
                Difficulty.NETWORK_DEFAULT,
                clock.instant().getEpochSecond());
        pubkeys.put(pk);
        return Optional.of(pk);
      }
      return Optional.empty();
    } catch (ProtocolException | CryptoException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The address of version {@code version} that these two keys make. */
  public BitmessageAddress addressOf(
      int version, long stream, Bytes signingKey, Bytes encryptionKey) {
    return new BitmessageAddress(
        version,
        stream,
        crypto.ripe(
            PublicKey.of(signingKey.toByteArray()), PublicKey.of(encryptionKey.toByteArray())));
  }

  private Optional<StoredPubkey> accept(
      BitmessageAddress address,
      int bitfield,
      Bytes signingKey,
      Bytes encryptionKey,
      Difficulty difficulty,
      Bytes signed,
      Bytes signature) {
    if (!addressOf(address.version(), address.stream(), signingKey, encryptionKey)
        .equals(address)) {
      return Optional.empty();
    }
    if (verifier
        .verifyAny(
            PublicKey.of(signingKey.toByteArray()), signed.toByteArray(), signature.toByteArray())
        .isEmpty()) {
      return Optional.empty();
    }
    StoredPubkey pk =
        new StoredPubkey(
            codec.encode(address),
            bitfield,
            signingKey,
            encryptionKey,
            difficulty,
            clock.instant().getEpochSecond());
    pubkeys.put(pk);
    return Optional.of(pk);
  }
}
