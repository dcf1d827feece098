package dev.bitmsg.node.address;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 32-byte public locator of a v4 address: the second half of {@code dsha512(var_int(version) ||
 * var_int(stream) || ripe)} (PROTOCOL.md section 6). Immutable.
 */
public final class Tag {
  public static final int LENGTH = 32;
  private final byte[] bytes;

  private Tag(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Tag of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("tag must be 32 bytes, got " + bytes.length);
    }
    return new Tag(bytes.clone());
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tag other && Arrays.equals(bytes, other.bytes);
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
