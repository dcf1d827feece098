package dev.bitmsg.node.wire;

import dev.bitmsg.pow.Difficulty;
import java.nio.ByteBuffer;

/**
 * The body of a v3 pubkey, which is also the decrypted plaintext of a v4 pubkey (PROTOCOL.md
 * section 8). Immutable.
 *
 * <pre>
 *   size      field
 *      4      behaviorBitfield
 *     64      signingKey      X||Y
 *     64      encryptionKey   X||Y
 *   var_int   nonceTrialsPerByte
 *   var_int   extraBytes
 *   var_int   signature length
 *   n         signature       DER
 * </pre>
 *
 * The signature covers the object header plus {@link #unsignedBytes()} (see {@link SignedData}).
 */
public record PubkeyBody(
    int behaviorBitfield,
    Bytes signingKey,
    Bytes encryptionKey,
    Difficulty difficulty,
    Bytes signature) {
  public PubkeyBody {
    FieldChecks.checkPublicKey(signingKey, "signing key");
    FieldChecks.checkPublicKey(encryptionKey, "encryption key");
  }

  /** Reads a body that fills the rest of {@code buf}. */
  public static PubkeyBody read(ByteBuffer buf) {
    int bitfield = WireIo.readInt32(buf, "pubkey: bitfield");
    Bytes sig = Bytes.read(buf, WireLimits.PUBLIC_KEY_LENGTH, "pubkey: signing key");
    Bytes enc = Bytes.read(buf, WireLimits.PUBLIC_KEY_LENGTH, "pubkey: encryption key");
    Difficulty d = DifficultyCodec.read(buf);
    Bytes signature = WireIo.readVarBytes(buf, buf.remaining(), "pubkey: signature");
    WireIo.requireEnd(buf, "pubkey body");
    return new PubkeyBody(bitfield, sig, enc, d, signature);
  }

  public PubkeyBody withSignature(Bytes newSignature) {
    return new PubkeyBody(behaviorBitfield, signingKey, encryptionKey, difficulty, newSignature);
  }

  /** Fields covered by the signature: bitfield through extra bytes. */
  public ByteBuffer writeUnsigned(ByteBuffer buf) {
    WireIo.writeInt32(buf, behaviorBitfield);
    signingKey.write(buf);
    encryptionKey.write(buf);
    return DifficultyCodec.write(difficulty, buf);
  }

  public int unsignedSize() {
    return 4 + 2 * WireLimits.PUBLIC_KEY_LENGTH + DifficultyCodec.serializedSize(difficulty);
  }

  public Bytes unsignedBytes() {
    ByteBuffer buf = ByteBuffer.allocate(unsignedSize());
    writeUnsigned(buf);
    return Bytes.wrap(buf.array());
  }

  public ByteBuffer write(ByteBuffer buf) {
    writeUnsigned(buf);
    WireIo.writeVarBytes(buf, signature);
    return buf;
  }

  public int serializedSize() {
    return unsignedSize() + WireIo.varBytesSize(signature);
  }

  public Bytes toBytes() {
    ByteBuffer buf = ByteBuffer.allocate(serializedSize());
    write(buf);
    return Bytes.wrap(buf.array());
  }
}
