package dev.bitmsg.pow;

import java.util.List;

/**
 * Builds the CPU {@link PowEngine}: a {@link SlicedPowEngine} over one {@link ThreadedScanner} that
 * spreads each pass over {@code threads} cores with the chosen single-thread kernel (by default the
 * faster one measured by {@link CpuKernelChoice}). Stateless factory.
 */
public final class CpuPowEngine {
  public static final String NAME = "cpu";

  private CpuPowEngine() {}

  /** All cores, default kernel. */
  public static SlicedPowEngine create() {
    return create(0);
  }

  /** {@code threads} cores (0 = all), default kernel. */
  public static SlicedPowEngine create(int threads) {
    return create(threads, CpuKernelChoice.get().kernel());
  }

  /** {@code threads} cores (0 = all) with {@code kernel}. */
  public static SlicedPowEngine create(int threads, CpuKernel kernel) {
    return new SlicedPowEngine(NAME, List.of(scanner(threads, kernel)));
  }

  /** The multi-threaded scanner the engine uses, for callers that drive scanners themselves. */
  public static ThreadedScanner scanner(int threads, CpuKernel kernel) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, got " + threads);
    }
    int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    kernel
        .unavailableReason()
        .ifPresent(
            why -> {
              throw new IllegalStateException("CPU kernel " + kernel.label() + ": " + why);
            });
    return new ThreadedScanner(n, kernel::newScanner);
  }
}
