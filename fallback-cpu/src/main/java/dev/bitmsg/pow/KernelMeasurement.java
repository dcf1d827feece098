package dev.bitmsg.pow;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Measures single-thread CPU kernels on the calling thread: warm-up until the JIT has settled, then
 * alternating samples so every kernel sees the same machine load. Time is the thread's CPU time
 * where the JVM supports it (steady on a machine shared with other work), else wall time.
 * Stateless.
 */
final class KernelMeasurement {
  /** One sample's length. */
  static final long SAMPLE_NANOS = 150_000_000L;

  /** Shortest warm-up of one kernel, in thread CPU time. */
  static final long MIN_WARMUP_NANOS = 1_000_000_000L;

  /** Longest warm-up of one kernel (the vector code runs interpreted until C2 has compiled it). */
  static final long WARMUP_BUDGET_NANOS = 20_000_000_000L;

  private static final InitialHash PROBE = InitialHash.ofObjectWithoutNonce(new byte[] {1, 2, 3});
  private static final long CHUNK = 4096;

  /** Pause between the warm-up's samples ({@link #warmUntil}). */
  static final long WARM_PAUSE_MILLIS = 50;

  private KernelMeasurement() {}

  /**
   * Warms up each kernel, then takes {@code rounds} alternating samples of all of them; returns the
   * mean trials per second of each.
   */
  static Map<CpuKernel, Double> measure(List<CpuKernel> kernels, int rounds) {
    Map<CpuKernel, NonceScanner> scanners = new EnumMap<>(CpuKernel.class);
    try {
      for (CpuKernel k : kernels) {
        NonceScanner s = k.newScanner();
        scanners.put(k, s);
        warmUp(s);
      }
      Map<CpuKernel, Double> sums = new EnumMap<>(CpuKernel.class);
      for (int r = 0; r < rounds; r++) {
        scanners.forEach((k, s) -> sums.merge(k, sample(s, SAMPLE_NANOS), Double::sum));
      }
      sums.replaceAll((k, v) -> v / rounds);
      return sums;
    } finally {
      scanners.values().forEach(NonceScanner::close);
    }
  }

  /**
   * Primes a vector kernel, then runs {@code scanner} for at least {@link #MIN_WARMUP_NANOS} of
   * this thread's time, then until three samples in a row agree within 5 % (bounded by {@link
   * #WARMUP_BUDGET_NANOS} of wall time). The minimum matters: the first-tier compiled vector code
   * runs at a steady but low rate until C2 has compiled the kernel, which takes a second or more on
   * a busy machine.
   */
  static void warmUp(NonceScanner scanner) {
    prime(scanner);
    long deadline = System.nanoTime() + WARMUP_BUDGET_NANOS;
    long start = now();
    double[] last = new double[3];
    int n = 0;
    while (System.nanoTime() < deadline) {
      last[n++ % 3] = sample(scanner, SAMPLE_NANOS / 3);
      if (n >= 3 && now() - start >= MIN_WARMUP_NANOS) {
        double lo = Math.min(last[0], Math.min(last[1], last[2]));
        double hi = Math.max(last[0], Math.max(last[1], last[2]));
        if (lo > 0 && hi - lo <= 0.05 * hi) {
          return;
        }
      }
    }
  }

  /**
   * Primes a vector kernel, then runs {@code scanner} in short samples until one reaches {@code
   * minRate} trials per second; false when {@code budgetNanos} of wall time passed first (or when
   * interrupted). Pauses {@link #WARM_PAUSE_MILLIS} between samples: once the compile is requested,
   * running the kernel interpreted only takes CPU from the compiler threads and from the PoW
   * already running on {@code digest} (on a 2-core machine the pauses brought the switch to the
   * compiled kernel about 200 ms sooner, 1.35-1.48 s against 1.53-1.70 s after the JVM's start).
   */
  static boolean warmUntil(NonceScanner scanner, double minRate, long budgetNanos) {
    prime(scanner);
    long deadline = System.nanoTime() + budgetNanos;
    while (System.nanoTime() < deadline) {
      if (sample(scanner, SAMPLE_NANOS / 6) >= minRate) {
        return true;
      }
      try {
        Thread.sleep(WARM_PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** Gets the JIT compiling a vector kernel before it runs whole ({@link SimdScanner#prime}). */
  private static void prime(NonceScanner scanner) {
    if (scanner instanceof SimdScanner simd) {
      simd.prime();
    }
  }

  /** Trials per second over about {@code nanos} of this thread's time. */
  static double sample(NonceScanner scanner, long nanos) {
    long start = now();
    long trials = 0;
    long nonce = 0;
    long elapsed;
    do {
      ScanOutcome o = scanner.scan(List.of(new ScanSlice(PROBE, 1, nonce, CHUNK))).get(0);
      trials += o.trials();
      nonce += o.trials();
      elapsed = now() - start;
    } while (elapsed < nanos);
    return trials * 1e9 / elapsed;
  }

  /** This thread's CPU time where supported, else wall time, in nanoseconds. */
  private static long now() {
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    if (t.isCurrentThreadCpuTimeSupported() && t.isThreadCpuTimeEnabled()) {
      long cpu = t.getCurrentThreadCpuTime();
      if (cpu >= 0) {
        return cpu;
      }
    }
    return System.nanoTime();
  }
}
