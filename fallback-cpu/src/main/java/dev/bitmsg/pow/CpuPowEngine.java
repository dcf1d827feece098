package dev.bitmsg.pow;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds the CPU {@link PowEngine}: a {@link SlicedPowEngine} over one {@link ThreadedScanner} that
 * spreads each pass over {@code threads} cores with a single-thread kernel. By default that is the
 * fastest kernel {@link CpuKernelChoice} measured (or cached) for this machine, warmed up in the
 * background by {@link CpuKernelWarmup} while the threads already work with {@code digest}: the
 * engine is usable at once and reaches its full rate when the JIT is done. Stateless factory.
 */
public final class CpuPowEngine {
  public static final String NAME = "cpu";

  private CpuPowEngine() {}

  /** All cores, default kernel. */
  public static SlicedPowEngine create() {
    return create(0);
  }

  /** {@code threads} cores (0 = all), default kernel; starts its warm-up in the background. */
  public static SlicedPowEngine create(int threads) {
    // The scanner first: it starts the warm-up thread, which then runs while this thread sets up
    // the engine (whose class initialisation sets up the logging back-end, ~0.1 s).
    ThreadedScanner scanner = scanner(threads);
    return new SlicedPowEngine(NAME, List.of(scanner));
  }

  /** {@code threads} cores (0 = all) with {@code kernel}. */
  public static SlicedPowEngine create(int threads, CpuKernel kernel) {
    return new SlicedPowEngine(NAME, List.of(scanner(threads, kernel)));
  }

  /**
   * The default multi-threaded scanner: the kernel forced by {@link CpuKernelChoice#PROPERTY}, else
   * {@code digest} until the measured kernel is warm, then that one (the warm-up starts here).
   */
  public static ThreadedScanner scanner(int threads) {
    Optional<CpuKernelChoice> forced = CpuKernelChoice.forced();
    if (forced.isPresent()) {
      return scanner(threads, forced.get().kernel());
    }
    CpuKernelWarmup warmup = CpuKernelWarmup.instance();
    warmup.start();
    return new ThreadedScanner(threadCount(threads), () -> new SwitchingScanner(warmup));
  }

  /** A multi-threaded scanner with {@code kernel}, for callers that drive scanners themselves. */
  public static ThreadedScanner scanner(int threads, CpuKernel kernel) {
    int n = threadCount(threads);
    kernel
        .unavailableReason()
        .ifPresent(
            why -> {
              throw new IllegalStateException("CPU kernel " + kernel.label() + ": " + why);
            });
    return new ThreadedScanner(n, kernel::newScanner);
  }

  /**
   * Starts getting the default kernel ready in the background (idempotent), e.g. at process start
   * so that the first PoW finds it compiled.
   */
  public static void warmUpInBackground() {
    if (CpuKernelChoice.forced().isEmpty()) {
      CpuKernelWarmup.instance().start();
    }
  }

  /**
   * Waits up to {@code timeout} for the background warm-up to finish; true when it has (or there is
   * none because the kernel is forced).
   */
  public static boolean awaitWarmUp(Duration timeout) throws InterruptedException {
    if (CpuKernelChoice.forced().isPresent()) {
      return true;
    }
    CpuKernelWarmup.instance().start();
    return CpuKernelWarmup.instance().await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The kernel the default scanners use right now ({@code digest} while the warm-up runs). */
  public static CpuKernel activeKernel() {
    return CpuKernelChoice.forced()
        .map(CpuKernelChoice::kernel)
        .orElseGet(() -> CpuKernelWarmup.instance().active());
  }

  private static int threadCount(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, got " + threads);
    }
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }
}
