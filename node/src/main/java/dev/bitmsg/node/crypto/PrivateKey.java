package dev.bitmsg.node.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A secp256k1 private key: a 32-byte big-endian scalar in [1, n-1]. Immutable; the bytes are copied
 * on the way in and out. {@link #toString()} never prints the secret, and {@link #equals} compares
 * in constant time.
 */
public final class PrivateKey {
  public static final int LENGTH = 32;

  /** The order n of the secp256k1 group (SEC 2, section 2.4.1). */
  public static final BigInteger CURVE_ORDER =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  private final byte[] bytes;

  private PrivateKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps a copy of exactly 32 bytes.
   *
   * @throws CryptoException (INVALID_KEY) when the scalar is 0 or not below n
   */
  public static PrivateKey of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_KEY,
          "private key must be " + LENGTH + " bytes, got " + bytes.length);
    }
    BigInteger d = new BigInteger(1, bytes);
    if (d.signum() == 0 || d.compareTo(CURVE_ORDER) >= 0) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_KEY, "private key scalar out of range [1, n-1]");
    }
    return new PrivateKey(bytes.clone());
  }

  /** Parses 64 hex digits. */
  public static PrivateKey fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /** A copy of the 32 secret bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The scalar as a non-negative integer. */
  public BigInteger scalar() {
    return new BigInteger(1, bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrivateKey other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "PrivateKey[redacted]";
  }
}
