package dev.bitmsg.pow;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 64-byte initial hash of an object: SHA-512 of the object without its leading 8-byte nonce.
 * Immutable; the bytes are copied on the way in and out.
 */
public final class InitialHash {
  public static final int LENGTH = 64;

  private final byte[] bytes;

  private InitialHash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of exactly 64 bytes. */
  public static InitialHash of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "initial hash must be " + LENGTH + " bytes, got " + bytes.length);
    }
    return new InitialHash(bytes.clone());
  }

  /** Parses 128 hex digits. */
  public static InitialHash fromHex(String hex) {
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "initial hash must be " + 2 * LENGTH + " hex digits, got " + hex.length());
    }
    return new InitialHash(HexFormat.of().parseHex(hex));
  }

  /** SHA-512 of {@code objectWithoutNonce}. */
  public static InitialHash ofObjectWithoutNonce(byte[] objectWithoutNonce) {
    return new InitialHash(Sha512.digest(objectWithoutNonce));
  }

  /** SHA-512 of an object's bytes after its 8-byte nonce. */
  public static InitialHash ofObject(byte[] object) {
    if (object.length < 8) {
      throw new IllegalArgumentException("object shorter than its 8-byte nonce");
    }
    return new InitialHash(Sha512.digest(object, 8, object.length - 8));
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Word {@code i} (0..7) read big-endian, as the kernels and the SIMD engine consume it. */
  public long word(int i) {
    long w = 0;
    for (int b = 0; b < 8; b++) {
      w = (w << 8) | (bytes[8 * i + b] & 0xffL);
    }
    return w;
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InitialHash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "InitialHash[" + toHex() + "]";
  }
}
