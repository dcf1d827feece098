package dev.bitmsg.pow;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Gets the default CPU kernel ready in the background, once per JVM: reads the cached choice (or
 * measures one), runs the chosen Vector API kernel on one thread until the JIT has compiled it to
 * at least half its measured rate, checks it with {@link ScannerSelfTest}, and only then makes it
 * {@link #active()}. Until then {@link #active()} is {@code digest}, which is at full speed almost
 * at once, so a PoW started right after the process starts does not wait for the warm-up (the
 * Vector API code runs ~100x slower until C2 has compiled it). A kernel that does not reach its
 * rate within {@link #BUDGET_NANOS} or fails its self-test is not used (logged). Thread-safe.
 */
final class CpuKernelWarmup {
  static final long BUDGET_NANOS = 30_000_000_000L;

  private static final CpuKernelWarmup INSTANCE = new CpuKernelWarmup();

  private final AtomicBoolean started = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile CpuKernel active = CpuKernel.DIGEST;
  private volatile @Nullable CpuKernelChoice choice;

  private CpuKernelWarmup() {}

  static CpuKernelWarmup instance() {
    return INSTANCE;
  }

  /** Starts the warm-up thread unless it already ran or runs. */
  void start() {
    if (started.compareAndSet(false, true)) {
      Thread t = new Thread(this::run, "pow-cpu-warmup");
      t.setDaemon(true);
      t.start();
    }
  }

  /** The kernel scanners should use now. */
  CpuKernel active() {
    return active;
  }

  /** The choice being warmed up, once known. */
  Optional<CpuKernelChoice> choice() {
    return Optional.ofNullable(choice);
  }

  /** Waits until the warm-up has finished (either way); false on timeout. */
  boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    return done.await(timeout, unit);
  }

  private void run() {
    long t0 = System.nanoTime();
    try {
      CpuKernelChoice c = CpuKernelChoice.get();
      choice = c;
      CpuKernel k = c.kernel();
      if (!k.simd()) {
        return;
      }
      Optional<String> problem = warm(c);
      if (problem.isPresent()) {
        log()
            .log(
                System.Logger.Level.WARNING,
                "cpu kernel not used kernel={0} reason={1} fallback=digest",
                k.label(),
                problem.get());
        return;
      }
      active = k;
      log()
          .log(
              System.Logger.Level.INFO,
              "cpu kernel ready kernel={0} afterMs={1} source={2}",
              k.label(),
              Long.toString((System.nanoTime() - t0) / 1_000_000),
              c.source());
    } catch (RuntimeException e) {
      log().log(System.Logger.Level.WARNING, "cpu kernel warm-up failed fallback=digest", e);
    } finally {
      done.countDown();
    }
  }

  /**
   * Compiles and checks the chosen kernel; empty when it is ready, else why not. A kernel that
   * stays below half its cached rate (the machine changed, or the cache is stale) drops the cache
   * entry so that the next start measures again, and is used now only while it still beats the
   * cached {@code digest} rate.
   */
  private static Optional<String> warm(CpuKernelChoice c) {
    CpuKernel k = c.kernel();
    try (NonceScanner s = k.newScanner()) {
      double measured = c.rate(k);
      if (measured <= 0) {
        KernelMeasurement.warmUp(s);
      } else if (!KernelMeasurement.warmUntil(s, measured / 2, BUDGET_NANOS)) {
        if (c.source() == CpuKernelChoice.Source.CACHED) {
          KernelChoiceCache.forThisJvm().forget();
        }
        double now = KernelMeasurement.sample(s, KernelMeasurement.SAMPLE_NANOS);
        if (now <= c.rate(CpuKernel.DIGEST)) {
          return Optional.of(
              String.format(
                  Locale.ROOT,
                  "%.2f M/s after %d s, below digest's %.2f M/s",
                  now / 1e6,
                  BUDGET_NANOS / 1_000_000_000L,
                  c.rate(CpuKernel.DIGEST) / 1e6));
        }
      }
      return ScannerSelfTest.check(s);
    }
  }

  /**
   * Looked up when used, not at class initialisation: the warm-up thread passes through this class
   * first thing, and setting up the logging back-end (~0.1 s) should not delay it.
   */
  private static System.Logger log() {
    return System.getLogger(CpuKernelWarmup.class.getName());
  }
}
