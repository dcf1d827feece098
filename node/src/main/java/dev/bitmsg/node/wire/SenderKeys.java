package dev.bitmsg.node.wire;

import dev.bitmsg.pow.Difficulty;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The sender block that opens a decrypted msg or broadcast (PROTOCOL.md section 8). The difficulty
 * is present exactly when the sender's address version is 3 or more. Immutable.
 *
 * <pre>
 *   var_int   senderAddressVersion
 *   var_int   senderStream
 *      4      behaviorBitfield
 *     64      signingKey      X||Y
 *     64      encryptionKey   X||Y
 *   [var_int nonceTrialsPerByte, var_int extraBytes]   if senderAddressVersion >= 3
 * </pre>
 */
public record SenderKeys(
    long addressVersion,
    long stream,
    int behaviorBitfield,
    Bytes signingKey,
    Bytes encryptionKey,
    Optional<Difficulty> difficulty) {
  public SenderKeys {
    FieldChecks.checkPublicKey(signingKey, "signing key");
    FieldChecks.checkPublicKey(encryptionKey, "encryption key");
    if (difficulty.isPresent() != carriesDifficulty(addressVersion)) {
      throw new IllegalArgumentException(
          "difficulty must be present exactly for sender address versions >= 3, got version "
              + Long.toUnsignedString(addressVersion));
    }
  }

  static boolean carriesDifficulty(long addressVersion) {
    return Long.compareUnsigned(addressVersion, 3) >= 0;
  }

  public static SenderKeys read(ByteBuffer buf) {
    long version = VarInt.read(buf);
    long stream = VarInt.read(buf);
    int bitfield = WireIo.readInt32(buf, "sender: bitfield");
    Bytes sig = Bytes.read(buf, WireLimits.PUBLIC_KEY_LENGTH, "sender: signing key");
    Bytes enc = Bytes.read(buf, WireLimits.PUBLIC_KEY_LENGTH, "sender: encryption key");
    Optional<Difficulty> d =
        carriesDifficulty(version) ? Optional.of(DifficultyCodec.read(buf)) : Optional.empty();
    return new SenderKeys(version, stream, bitfield, sig, enc, d);
  }

  public ByteBuffer write(ByteBuffer buf) {
    VarInt.write(addressVersion, buf);
    VarInt.write(stream, buf);
    WireIo.writeInt32(buf, behaviorBitfield);
    signingKey.write(buf);
    encryptionKey.write(buf);
    difficulty.ifPresent(d -> DifficultyCodec.write(d, buf));
    return buf;
  }

  public int serializedSize() {
    return VarInt.size(addressVersion)
        + VarInt.size(stream)
        + 4
        + 2 * WireLimits.PUBLIC_KEY_LENGTH
        + difficulty.map(DifficultyCodec::serializedSize).orElse(0);
  }

  /** The demanded difficulty, or the network default for v2 senders. */
  public Difficulty difficultyOrDefault() {
    return difficulty.orElse(Difficulty.NETWORK_DEFAULT);
  }
}
