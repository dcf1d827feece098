package dev.bitmsg.pow;

import java.math.BigInteger;

/**
 * The one definition of the proof-of-work target (PROTOCOL.md section 5, PyBitmessage's integer
 * arithmetic):
 *
 * <pre>
 *   L      = objectLength (including the 8-byte nonce) + extra
 *   TTL    = max(ttlSeconds, 300)
 *   target = floor( 2^64 / ( ntpb * ( L + floor(TTL * L / 2^16) ) ) )
 * </pre>
 *
 * with {@code ntpb} and {@code extra} raised to the network minimum of 1000. Computed exactly with
 * {@link BigInteger}, so huge difficulty factors give the true (possibly 0) target rather than an
 * overflowed one. The result is an unsigned 64-bit value in a {@code long}; with the minimums in
 * force it is always below 2^64 / 10^6, and it is 0 when the divisor exceeds 2^64, meaning only a
 * trial value of exactly 0 could pass: no nonce search can be set up for it (see {@link
 * PowRules#targetForSearch}). This is the formula behind {@link PowRules#NETWORK}; callers go
 * through a {@link PowRules}. Stateless and thread-safe.
 */
public final class PowTarget {
  /** TTLs below this are treated as this many seconds. */
  public static final long MIN_TTL_SECONDS = 300;

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private PowTarget() {}

  /**
   * The exact target for an object of {@code objectLength} bytes (including its nonce) living
   * {@code ttlSeconds}; may be 0 for absurd difficulties (an object can then practically never be
   * valid).
   *
   * @throws IllegalArgumentException when {@code objectLength} is below 8 (the nonce alone)
   */
  public static long of(long objectLength, long ttlSeconds, Difficulty difficulty) {
    if (objectLength < 8) {
      throw new IllegalArgumentException(
          "object length includes the 8-byte nonce, so it is at least 8; got " + objectLength);
    }
    Difficulty d = difficulty.effective();
    BigInteger ttl = BigInteger.valueOf(Math.max(ttlSeconds, MIN_TTL_SECONDS));
    BigInteger len = BigInteger.valueOf(objectLength).add(unsigned(d.payloadLengthExtraBytes()));
    BigInteger divisor =
        unsigned(d.nonceTrialsPerByte()).multiply(len.add(ttl.multiply(len).shiftRight(16)));
    BigInteger target = TWO_64.divide(divisor);
    // divisor >= 1000 * 1008 with the minimums in force, so the quotient always fits.
    return target.longValue();
  }

  /** The target as an unsigned decimal string. */
  public static String toDecimal(long target) {
    return Long.toUnsignedString(target);
  }

  private static BigInteger unsigned(long v) {
    BigInteger b = BigInteger.valueOf(v);
    return v >= 0 ? b : b.add(TWO_64);
  }
}
