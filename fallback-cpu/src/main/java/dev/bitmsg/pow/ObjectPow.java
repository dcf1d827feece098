package dev.bitmsg.pow;

/**
 * Proof of work of whole objects ({@code nonce(8) | expiresTime(8) | objectType(4) | version |
 * stream | payload}, PROTOCOL.md sections 4 and 5): the initial hash, the target an object must
 * meet at a given time, and the acceptance check with a typed verdict. The lifetime bounds are
 * checked before the PoW because they are cheap. {@code now} is always passed in (epoch seconds).
 * Stateless and thread-safe.
 */
public final class ObjectPow {
  /** Nonce, expiresTime, objectType and two one-byte var_ints: the shortest possible object. */
  public static final int MIN_OBJECT_LENGTH = 8 + 8 + 4 + 1 + 1;

  /** Objects may expire at most 28 days and 3 hours after they are received. */
  public static final long MAX_TTL_SECONDS = 28L * 24 * 3600 + 3 * 3600;

  /** Objects that expired up to this long ago are still accepted. */
  public static final long MAX_EXPIRED_SECONDS = 3600;

  private ObjectPow() {}

  /** SHA-512 of the object without its 8-byte nonce. */
  public static InitialHash initialHash(byte[] object) {
    requireHeader(object);
    return InitialHash.ofObject(object);
  }

  /** The object's expiresTime (unsigned; values at or above 2^63 come back negative). */
  public static long expiresTime(byte[] object) {
    requireHeader(object);
    return readLong(object, 8);
  }

  /** The nonce the object carries. */
  public static long nonce(byte[] object) {
    requireHeader(object);
    return readLong(object, 0);
  }

  /** The target {@code object} must meet when checked at {@code now}, for {@code difficulty}. */
  public static long target(byte[] object, long now, Difficulty difficulty) {
    long expires = expiresTime(object);
    long ttl = expires < 0 ? Long.MAX_VALUE : expires - now; // unsigned far future: huge TTL
    return PowTarget.of(object.length, ttl, difficulty);
  }

  /** Checks length, lifetime and PoW of {@code object} at {@code now} (epoch seconds). */
  public static PowVerdict validate(byte[] object, long now, Difficulty difficulty) {
    if (object.length < MIN_OBJECT_LENGTH) {
      return PowVerdict.rejected(
          PowVerdict.Outcome.TOO_SHORT,
          "object has " + object.length + " bytes, at least " + MIN_OBJECT_LENGTH + " needed");
    }
    long expires = readLong(object, 8);
    if (expires < 0 || expires - now > MAX_TTL_SECONDS) {
      return PowVerdict.rejected(
          PowVerdict.Outcome.TOO_FAR_IN_FUTURE,
          "expires at "
              + Long.toUnsignedString(expires)
              + ", more than "
              + MAX_TTL_SECONDS
              + " s after "
              + now);
    }
    if (expires - now < -MAX_EXPIRED_SECONDS) {
      return PowVerdict.rejected(
          PowVerdict.Outcome.EXPIRED,
          "expired at " + expires + ", more than " + MAX_EXPIRED_SECONDS + " s before " + now);
    }
    long target = PowTarget.of(object.length, expires - now, difficulty);
    long trial = TrialValue.of(readLong(object, 0), InitialHash.ofObject(object));
    if (!TrialValue.meets(trial, target)) {
      return new PowVerdict(
          PowVerdict.Outcome.INSUFFICIENT_POW,
          "trial value "
              + Long.toUnsignedString(trial)
              + " exceeds target "
              + Long.toUnsignedString(target),
          trial,
          target);
    }
    return new PowVerdict(
        PowVerdict.Outcome.VALID,
        "trial value "
            + Long.toUnsignedString(trial)
            + " <= target "
            + Long.toUnsignedString(target),
        trial,
        target);
  }

  private static void requireHeader(byte[] object) {
    if (object.length < 16) {
      throw new IllegalArgumentException(
          "object has " + object.length + " bytes, too short for nonce and expiresTime");
    }
  }

  private static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xffL);
    }
    return v;
  }
}
