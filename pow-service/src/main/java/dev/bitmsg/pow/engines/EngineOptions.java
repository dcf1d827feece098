package dev.bitmsg.pow.engines;

/** Options common to every engine family. {@code cpuThreads} 0 means all cores. Immutable. */
public record EngineOptions(int cpuThreads) {
  public EngineOptions {
    if (cpuThreads < 0) {
      throw new IllegalArgumentException("cpuThreads must be >= 0, got " + cpuThreads);
    }
  }

  public static EngineOptions defaults() {
    return new EngineOptions(0);
  }

  public int effectiveCpuThreads() {
    return cpuThreads == 0 ? Runtime.getRuntime().availableProcessors() : cpuThreads;
  }
}
