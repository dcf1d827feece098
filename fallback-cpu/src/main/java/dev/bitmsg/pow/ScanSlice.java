package dev.bitmsg.pow;

/**
 * A bounded piece of a search: test {@code count} nonces starting at {@code firstNonce} (wrapping
 * modulo 2^64) against {@code target}. Immutable.
 */
public record ScanSlice(InitialHash initialHash, long target, long firstNonce, long count) {
  public ScanSlice {
    if (count <= 0) {
      throw new IllegalArgumentException("slice count must be positive, got " + count);
    }
  }
}
