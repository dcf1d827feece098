package dev.bitmsg.pow;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which single-thread CPU kernel to use by default in this JVM, decided by measuring both after
 * warming them up: the Vector API kernel wins by 1.3-5x depending on the vector width and the JDK,
 * but it needs the incubator module and several seconds of JIT warm-up, and on CPUs without wide
 * vectors it can lose to {@code MessageDigest} (whose SHA-512 the JDK compiles to native code). The
 * system property {@code bitmsg.pow.cpuKernel} ({@code simd}, {@code digest} or {@code auto})
 * overrides the measurement. Immutable; {@link #get()} is thread-safe and measures once per JVM.
 *
 * @param simdTrialsPerSecond measured rate; 0 when not measured (SIMD unavailable, or forced)
 * @param digestTrialsPerSecond measured rate; 0 when not measured
 */
public record CpuKernelChoice(
    CpuKernel kernel, double simdTrialsPerSecond, double digestTrialsPerSecond, String reason) {
  public static final String PROPERTY = "bitmsg.pow.cpuKernel";

  private static final long SAMPLE_NANOS = 150_000_000L;
  private static final long WARMUP_BUDGET_NANOS = 8_000_000_000L;

  /** Trials before the first sample: enough calls for HotSpot to reach its optimising tier. */
  private static final long WARMUP_TRIALS = 200_000;

  private static final InitialHash PROBE = InitialHash.ofObjectWithoutNonce(new byte[] {1, 2, 3});

  private static volatile @Nullable CpuKernelChoice cached;

  /**
   * The choice for this JVM: the kernel named by the system property when it is set (read on every
   * call), else the one measured on first use (a few seconds), then remembered.
   */
  public static CpuKernelChoice get() {
    String forced = System.getProperty(PROPERTY);
    if (forced != null && !forced.isBlank() && !forced.strip().equalsIgnoreCase("auto")) {
      return forced(forced.strip());
    }
    CpuKernelChoice c = cached;
    if (c == null) {
      synchronized (CpuKernelChoice.class) {
        c = cached;
        if (c == null) {
          c = measure();
          cached = c;
        }
      }
    }
    return c;
  }

  private static CpuKernelChoice forced(String name) {
    CpuKernel k = CpuKernel.parse(name);
    Optional<String> why = k.unavailableReason();
    if (why.isPresent()) {
      return new CpuKernelChoice(
          CpuKernel.DIGEST, 0, 0, "property " + PROPERTY + "=" + name + " but " + why.get());
    }
    return new CpuKernelChoice(k, 0, 0, "set by property " + PROPERTY);
  }

  /** Warms up and measures both kernels on the calling thread, then picks the faster. */
  public static CpuKernelChoice measure() {
    Optional<String> simdMissing = SimdScanner.unavailableReason();
    if (simdMissing.isPresent()) {
      return new CpuKernelChoice(CpuKernel.DIGEST, 0, 0, simdMissing.get());
    }
    double digest;
    double simd;
    int bits;
    try (DigestScanner d = new DigestScanner();
        SimdScanner s = SimdScanner.create()) {
      warmUp(d); // the JDK's SHA-512 intrinsic needs its warm-up too
      warmUp(s);
      bits = s.vectorBits();
      // Alternating samples, so that both kernels see the same load from other processes.
      digest = 0;
      simd = 0;
      for (int i = 0; i < 3; i++) {
        digest += sample(d);
        simd += sample(s);
      }
    }
    CpuKernel pick = simd > digest ? CpuKernel.SIMD : CpuKernel.DIGEST;
    return new CpuKernelChoice(
        pick,
        simd / 3,
        digest / 3,
        String.format(
            Locale.ROOT,
            "measured %.2f M/s (simd, %d-bit) vs %.2f M/s (digest) on one thread",
            simd / 3e6,
            bits,
            digest / 3e6));
  }

  /**
   * Runs {@code scanner} until the JIT settles: {@link #WARMUP_TRIALS}, then until two samples in a
   * row agree within 10 % (all bounded by {@link #WARMUP_BUDGET_NANOS}). The vector code runs 100x
   * slower until the optimising JIT has compiled it, which with busy cores can take seconds.
   */
  private static void warmUp(NonceScanner scanner) {
    long deadline = System.nanoTime() + WARMUP_BUDGET_NANOS;
    long done = 0;
    while (done < WARMUP_TRIALS && System.nanoTime() < deadline) {
      done += scanner.scan(List.of(new ScanSlice(PROBE, 1, done, 4096))).get(0).trials();
    }
    double previous = sample(scanner);
    while (System.nanoTime() < deadline) {
      double current = sample(scanner);
      if (current > 0 && Math.abs(current - previous) <= 0.1 * current) {
        return;
      }
      previous = current;
    }
  }

  /** Trials per second over about {@link #SAMPLE_NANOS}. */
  static double sample(NonceScanner scanner) {
    long start = System.nanoTime();
    long trials = 0;
    long nonce = 0;
    long now;
    do {
      ScanOutcome o = scanner.scan(List.of(new ScanSlice(PROBE, 1, nonce, 8192))).get(0);
      trials += o.trials();
      nonce += o.trials();
      now = System.nanoTime();
    } while (now - start < SAMPLE_NANOS);
    return trials * 1e9 / (now - start);
  }
}
