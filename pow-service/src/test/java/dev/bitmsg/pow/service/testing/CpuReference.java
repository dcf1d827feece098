package dev.bitmsg.pow.service.testing;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/** CPU answers the device tests compare against, from {@link TrialValue} alone. */
public final class CpuReference {
  private CpuReference() {}

  /** Offset of the first nonce in scan order that meets the target, if any. */
  public static OptionalLong firstGoodOffset(
      InitialHash hash, long target, long first, long count) {
    for (long i = 0; i < count; i++) {
      if (TrialValue.isSolution(first + i, hash, target)) {
        return OptionalLong.of(i);
      }
    }
    return OptionalLong.empty();
  }

  /** A random initial hash drawn from {@code random} (seeded: repeatable). */
  public static InitialHash randomHash(SplittableRandom random) {
    byte[] b = new byte[InitialHash.LENGTH];
    random.nextBytes(b);
    return InitialHash.of(b);
  }
}
