package dev.bitmsg.node.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A secp256k1 public point in uncompressed form, {@code 04 || X(32) || Y(32)} (65 bytes). This type
 * checks only the format; {@link KeyFactory#parsePublicKey} also checks that the point lies on the
 * curve. Immutable; bytes are copied on the way in and out.
 */
public final class PublicKey {
  /** Uncompressed encoding with the 04 prefix, as hashed into a ripe and used by ECIES. */
  public static final int LENGTH = 65;

  /** The wire form inside objects: X || Y without the prefix. */
  public static final int WIRE_LENGTH = 64;

  private final byte[] bytes;

  private PublicKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Accepts 65 bytes starting with 04, or the 64-byte wire form X || Y. */
  public static PublicKey of(byte[] encoded) {
    if (encoded.length == WIRE_LENGTH) {
      byte[] full = new byte[LENGTH];
      full[0] = 0x04;
      System.arraycopy(encoded, 0, full, 1, WIRE_LENGTH);
      return new PublicKey(full);
    }
    if (encoded.length != LENGTH || encoded[0] != 0x04) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_KEY,
          "public key must be 65 bytes starting with 04 or 64 bytes X||Y, got "
              + encoded.length
              + " bytes");
    }
    return new PublicKey(encoded.clone());
  }

  public static PublicKey fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /** The 65-byte form {@code 04 || X || Y}. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The 64-byte wire form {@code X || Y}. */
  public byte[] wireBytes() {
    return Arrays.copyOfRange(bytes, 1, LENGTH);
  }

  /** The 32-byte big-endian X coordinate. */
  public byte[] x() {
    return Arrays.copyOfRange(bytes, 1, 33);
  }

  /** The 32-byte big-endian Y coordinate. */
  public byte[] y() {
    return Arrays.copyOfRange(bytes, 33, LENGTH);
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "PublicKey[" + toHex() + "]";
  }
}
