package dev.bitmsg.pow.service.testing;

import dev.bitmsg.pow.InitialHash;
import java.nio.charset.StandardCharsets;

/** Distinct initial hashes and targets of known difficulty for tests. */
public final class Hashes {
  private Hashes() {}

  public static InitialHash of(String label) {
    return InitialHash.ofObjectWithoutNonce(label.getBytes(StandardCharsets.UTF_8));
  }

  /** The target with about {@code expectedTrials} expected trials. */
  public static long targetFor(double expectedTrials) {
    double t = 0x1p64 / expectedTrials - 1;
    return t >= 0x1p63 ? (long) (t - 0x1p64) : (long) t;
  }

  /** About 2,000 expected trials: done in a few milliseconds on one core. */
  public static final long EASY = targetFor(2_000);

  /** About 10^11 expected trials: never finishes within a test. */
  public static final long HARD = targetFor(1e11);
}
