package dev.bitmsg.node.net;

import java.time.Duration;

/**
 * Dandelion++ as PyBitmessage v0.6 does it ({@link Dandelion}). Validated on construction;
 * immutable.
 *
 * @param enabled whether the node stems its own objects, advertises {@code NODE_DANDELION} and
 *     handles {@code dinv} (off: {@code dinv} is ignored, as PyBitmessage does)
 * @param stemPercent the chance in percent that a stem hop stays a stem ({@code dinv}) rather than
 *     fluffing to its one child with {@code inv} (PyBitmessage's {@code dandelion = 90})
 * @param fluffFixedDelay the fixed part of a stem object's fluff timeout (PyB: 10 s)
 * @param fluffMeanDelay the mean of its exponentially distributed part (PyB: 30 s)
 * @param epoch how long the stem children and the parent-to-child routes last (PyB: 600 s)
 */
public record DandelionSettings(
    boolean enabled,
    int stemPercent,
    Duration fluffFixedDelay,
    Duration fluffMeanDelay,
    Duration epoch) {

  /** Stem children chosen per epoch among the outbound connections (PyB: 2). */
  public static final int MAX_STEMS = 2;

  public DandelionSettings {
    if (stemPercent < 0 || stemPercent > 100) {
      throw new IllegalArgumentException("dandelion stem percent must be 0..100: " + stemPercent);
    }
    if (fluffFixedDelay.isNegative() || fluffMeanDelay.isNegative()) {
      throw new IllegalArgumentException("dandelion fluff delays must not be negative");
    }
    if (epoch.isNegative() || epoch.isZero()) {
      throw new IllegalArgumentException("dandelion epoch must be positive: " + epoch);
    }
  }

  /** PyBitmessage's values, on. */
  public static DandelionSettings defaults() {
    return new DandelionSettings(
        true, 90, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(600));
  }

  public DandelionSettings withEnabled(boolean on) {
    return new DandelionSettings(on, stemPercent, fluffFixedDelay, fluffMeanDelay, epoch);
  }

  public DandelionSettings withStemPercent(int percent) {
    return new DandelionSettings(enabled, percent, fluffFixedDelay, fluffMeanDelay, epoch);
  }

  public DandelionSettings withFluffDelays(Duration fixed, Duration mean) {
    return new DandelionSettings(enabled, stemPercent, fixed, mean, epoch);
  }
}
