package dev.bitmsg.node.address;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 20-byte RIPEMD-160 hash that identifies an address: {@code RIPEMD160(SHA512(pubSigningKey ||
 * pubEncryptionKey))} (PROTOCOL.md section 6). Immutable; bytes are copied in and out.
 */
public final class Ripe {
  public static final int LENGTH = 20;
  private final byte[] bytes;

  private Ripe(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Ripe of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("ripe must be 20 bytes, got " + bytes.length);
    }
    return new Ripe(bytes.clone());
  }

  public static Ripe fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** How many 00 bytes it starts with. */
  public int leadingZeroBytes() {
    int n = 0;
    while (n < LENGTH && bytes[n] == 0) {
      n++;
    }
    return n;
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ripe other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
