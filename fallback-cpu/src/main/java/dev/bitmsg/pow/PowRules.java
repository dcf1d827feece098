package dev.bitmsg.pow;

/**
 * The proof-of-work rules a node or a service applies: the target an object of a given length and
 * lifetime must meet, and the acceptance check of whole objects (lifetime bounds, then the PoW).
 * {@link #NETWORK} is Bitmessage's (PROTOCOL.md section 5). Every path that makes, asks for or
 * checks proof of work takes its rules from one instance handed in by the composition root, so a
 * test network substitutes easier rules in one place and production code has no knob for it.
 *
 * <p>Implementations only define {@link #target(long, long, Difficulty)}; everything else follows
 * from it. Implementations are immutable and thread-safe.
 */
public interface PowRules {
  /** The rules of the real Bitmessage network. */
  PowRules NETWORK = PowTarget::of;

  /**
   * The target for an object of {@code objectLength} bytes (including its 8-byte nonce) living
   * {@code ttlSeconds} at {@code difficulty}; 0 when the difficulty is so high that only a trial
   * value of 0 could pass.
   *
   * @throws IllegalArgumentException when {@code objectLength} is below 8
   */
  long target(long objectLength, long ttlSeconds, Difficulty difficulty);

  /** {@link #target(long, long, Difficulty)} at the network default difficulty. */
  default long target(long objectLength, long ttlSeconds) {
    return target(objectLength, ttlSeconds, Difficulty.NETWORK_DEFAULT);
  }

  /**
   * Like {@link #target(long, long, Difficulty)} but for setting up a search.
   *
   * @throws IllegalArgumentException when the target is 0: no nonce search can meet it
   */
  default long targetForSearch(long objectLength, long ttlSeconds, Difficulty difficulty) {
    long target = target(objectLength, ttlSeconds, difficulty);
    if (target == 0) {
      throw new IllegalArgumentException(
          "target is 0 for length "
              + objectLength
              + ", TTL "
              + ttlSeconds
              + " s and "
              + difficulty
              + ": the difficulty is too high for any nonce search");
    }
    return target;
  }

  /**
   * The target the whole {@code object} must meet when checked at {@code now} (epoch seconds): its
   * TTL is its expiresTime minus {@code now}.
   */
  default long objectTarget(byte[] object, long now, Difficulty difficulty) {
    long expires = ObjectPow.expiresTime(object);
    long ttl = expires < 0 ? Long.MAX_VALUE : expires - now; // unsigned far future: huge TTL
    return target(object.length, ttl, difficulty);
  }

  /**
   * Checks length, lifetime and PoW of {@code object} at {@code now} (epoch seconds). The lifetime
   * is checked first because it costs nothing.
   */
  default PowVerdict validate(byte[] object, long now, Difficulty difficulty) {
    if (object.length < ObjectPow.MIN_OBJECT_LENGTH) {
      return PowVerdict.rejected(
          PowVerdict.Outcome.TOO_SHORT,
          "object has "
              + object.length
              + " bytes, at least "
              + ObjectPow.MIN_OBJECT_LENGTH
              + " needed");
    }
    long expires = ObjectPow.expiresTime(object);
    if (expires < 0 || expires - now > ObjectPow.MAX_TTL_SECONDS) {
      return PowVerdict.rejected(
          PowVerdict.Outcome.TOO_FAR_IN_FUTURE,
          "expires at "
              + Long.toUnsignedString(expires)
              + ", more than "
              + ObjectPow.MAX_TTL_SECONDS
              + " s after "
              + now);
    }
    if (expires - now < -ObjectPow.MAX_EXPIRED_SECONDS) {
      return PowVerdict.rejected(
          PowVerdict.Outcome.EXPIRED,
          "expired at "
              + expires
              + ", more than "
              + ObjectPow.MAX_EXPIRED_SECONDS
              + " s before "
              + now);
    }
    long target = target(object.length, expires - now, difficulty);
    long trial = TrialValue.of(ObjectPow.nonce(object), InitialHash.ofObject(object));
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

  /**
   * The expected number of trials to meet {@code target} (unsigned): a trial passes when its value
   * is at most the target, so each passes with probability (target + 1) / 2^64.
   */
  static double expectedTrials(long target) {
    double passing = target < 0 ? 0x1p64 + target + 1.0 : target + 1.0;
    return 0x1p64 / passing;
  }
}
