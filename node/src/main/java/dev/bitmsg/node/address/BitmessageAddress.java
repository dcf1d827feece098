package dev.bitmsg.node.address;

import java.util.Objects;

/**
 * What an address stands for: address version (2-4), stream (an unsigned var_int value, not checked
 * here: the stream a node serves is checked where it matters) and the full 20-byte ripe. The text
 * form {@code BM-...} comes from {@link AddressCodec}. Immutable.
 */
public record BitmessageAddress(int version, long stream, Ripe ripe) {
  public static final int MIN_VERSION = 2;
  public static final int MAX_VERSION = 4;

  public BitmessageAddress {
    Objects.requireNonNull(ripe, "ripe");
    if (version < MIN_VERSION || version > MAX_VERSION) {
      throw new IllegalArgumentException("address version must be 2..4, got " + version);
    }
  }
}
