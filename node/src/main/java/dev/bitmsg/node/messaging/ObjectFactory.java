package dev.bitmsg.node.messaging;

import dev.bitmsg.node.address.AddressCrypto;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.crypto.Ecies;
import dev.bitmsg.node.crypto.PublicKey;
import dev.bitmsg.node.crypto.Signer;
import dev.bitmsg.node.wire.BroadcastPlaintext;
import dev.bitmsg.node.wire.BroadcastV4;
import dev.bitmsg.node.wire.BroadcastV5;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.GetPubkey;
import dev.bitmsg.node.wire.MsgPayload;
import dev.bitmsg.node.wire.MsgPlaintext;
import dev.bitmsg.node.wire.ObjectHeader;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectType;
import dev.bitmsg.node.wire.PubkeyBody;
import dev.bitmsg.node.wire.PubkeyV3;
import dev.bitmsg.node.wire.PubkeyV4;
import dev.bitmsg.node.wire.SenderKeys;
import dev.bitmsg.node.wire.SignedData;
import java.util.Optional;

/**
 * Builds the node's own objects (PROTOCOL.md section 8) signed and encrypted, with nonce 0: the
 * proof of work is done afterwards on the bytes without the nonce. Thread-safe.
 */
public final class ObjectFactory {
  /** Bitfield of own pubkeys and senders: does_ack (bit 31). */
  public static final int BITFIELD_DOES_ACK = 1;

  private final AddressCrypto addressCrypto;
  private final Signer signer;
  private final Ecies ecies;

  public ObjectFactory(AddressCrypto addressCrypto, Signer signer, Ecies ecies) {
    this.addressCrypto = addressCrypto;
    this.signer = signer;
    this.ecies = ecies;
  }

  /** The pubkey object of {@code id}: v4 encrypted to the address-derived key, or v3 signed. */
  public ObjectMessage pubkey(Identity id, long expiresTime) {
    BitmessageAddress a = id.address();
    ObjectHeader header = new ObjectHeader(expiresTime, ObjectType.PUBKEY, a.version(), a.stream());
    PubkeyBody unsigned =
        new PubkeyBody(
            BITFIELD_DOES_ACK,
            wire(id.signing().publicKey()),
            wire(id.encryption().publicKey()),
            id.difficulty(),
            Bytes.EMPTY);
    if (a.version() >= 4) {
      Bytes tag = Bytes.of(addressCrypto.tag(a).bytes());
      PubkeyBody signed =
          unsigned.withSignature(sign(id, SignedData.pubkeyV4(header, tag, unsigned)));
      byte[] blob =
          ecies.encrypt(addressCrypto.taggedKey(a).publicKey(), signed.toBytes().toByteArray());
      return ObjectMessage.create(0, header, new PubkeyV4(tag, Bytes.of(blob)).toBytes());
    }
    PubkeyBody signed = unsigned.withSignature(sign(id, SignedData.pubkeyV3(header, unsigned)));
    return ObjectMessage.create(0, header, new PubkeyV3(signed).toBytes());
  }

  /** A getpubkey for {@code address}: by tag for v4, by ripe for v2/v3. */
  public ObjectMessage getpubkey(BitmessageAddress address, long expiresTime) {
    ObjectHeader header =
        new ObjectHeader(expiresTime, ObjectType.GETPUBKEY, address.version(), address.stream());
    Bytes key =
        address.version() >= 4
            ? Bytes.of(addressCrypto.tag(address).bytes())
            : Bytes.of(address.ripe().bytes());
    return ObjectMessage.create(0, header, new GetPubkey(key).toBytes());
  }

  /**
   * A msg from {@code from} to {@code to}, encrypted to {@code recipientEncryptionKey}, carrying
   * {@code ackField} (a framed ack object, or empty).
   */
  public ObjectMessage msg(
      Identity from,
      BitmessageAddress to,
      Bytes recipientEncryptionKey,
      long encoding,
      Bytes message,
      Bytes ackField,
      long expiresTime) {
    ObjectHeader header = new ObjectHeader(expiresTime, ObjectType.MSG, 1, to.stream());
    MsgPlaintext unsigned =
        new MsgPlaintext(
            sender(from), Bytes.of(to.ripe().bytes()), encoding, message, ackField, Bytes.EMPTY);
    MsgPlaintext signed = unsigned.withSignature(sign(from, SignedData.msg(header, unsigned)));
    byte[] blob =
        ecies.encrypt(
            PublicKey.of(recipientEncryptionKey.toByteArray()), signed.toBytes().toByteArray());
    return ObjectMessage.create(0, header, new MsgPayload(Bytes.of(blob)).toBytes());
  }

  /** A broadcast from {@code from}: v5 (tag) for v4 addresses, v4 for v3 addresses. */
  public ObjectMessage broadcast(Identity from, long encoding, Bytes message, long expiresTime) {
    BitmessageAddress a = from.address();
    BroadcastPlaintext unsigned =
        new BroadcastPlaintext(sender(from), encoding, message, Bytes.EMPTY);
    if (a.version() >= 4) {
      ObjectHeader header = new ObjectHeader(expiresTime, ObjectType.BROADCAST, 5, a.stream());
      Bytes tag = Bytes.of(addressCrypto.tag(a).bytes());
      BroadcastPlaintext signed =
          unsigned.withSignature(sign(from, SignedData.broadcastV5(header, tag, unsigned)));
      byte[] blob =
          ecies.encrypt(addressCrypto.taggedKey(a).publicKey(), signed.toBytes().toByteArray());
      return ObjectMessage.create(0, header, new BroadcastV5(tag, Bytes.of(blob)).toBytes());
    }
    ObjectHeader header = new ObjectHeader(expiresTime, ObjectType.BROADCAST, 4, a.stream());
    BroadcastPlaintext signed =
        unsigned.withSignature(sign(from, SignedData.broadcastV4(header, unsigned)));
    byte[] blob =
        ecies.encrypt(
            addressCrypto.legacyBroadcastKey(a).publicKey(), signed.toBytes().toByteArray());
    return ObjectMessage.create(0, header, new BroadcastV4(Bytes.of(blob)).toBytes());
  }

  private static SenderKeys sender(Identity id) {
    BitmessageAddress a = id.address();
    return new SenderKeys(
        a.version(),
        a.stream(),
        BITFIELD_DOES_ACK,
        wire(id.signing().publicKey()),
        wire(id.encryption().publicKey()),
        a.version() >= 3 ? Optional.of(id.difficulty()) : Optional.empty());
  }

  private Bytes sign(Identity id, Bytes data) {
    return Bytes.of(signer.sign(id.signing().privateKey(), data.toByteArray()));
  }

  private static Bytes wire(PublicKey key) {
    return Bytes.of(key.wireBytes());
  }
}
