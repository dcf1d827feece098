package dev.bitmsg.pow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which single-thread CPU kernel is the default on this machine, and the single-thread rates it was
 * chosen by. The Vector API kernels win by 2-6x depending on the vector width and the JDK, but they
 * need the incubator module and about a second of JIT compilation, and on CPUs without wide vectors
 * {@code MessageDigest} (whose SHA-512 the JDK compiles to native code) can win; so the candidates
 * ({@link #CANDIDATES}) are measured once per machine and JDK (the fastest wins; within {@link
 * #MARGIN} the one listed first) and the result is kept in a small cache file ({@link
 * KernelChoiceCache}) for later processes. The system property {@code bitmsg.pow.cpuKernel} ({@code
 * digest}, {@code simd}, {@code simd1..simd3} or {@code auto}) overrides it. Immutable; the static
 * methods are thread-safe.
 *
 * @param rates single-thread trials per second (of thread CPU time) of the measured kernels; empty
 *     when the kernel was forced
 * @param source where the choice comes from
 */
public record CpuKernelChoice(
    CpuKernel kernel, Map<CpuKernel, Double> rates, String reason, Source source) {
  public static final String PROPERTY = "bitmsg.pow.cpuKernel";

  /** System property naming the directory of the cache file (see {@link KernelChoiceCache}). */
  public static final String CACHE_DIR_PROPERTY = KernelChoiceCache.DIR_PROPERTY;

  /**
   * The kernels measured to choose the default, fewest streams first (a tie goes to the one that
   * compiles faster). One stream wins where 256-bit vectors leave few registers: with AVX2 only
   * (emulated by {@code -XX:UseAVX=2}) simd1 measured 1.97-1.99x {@code digest}, simd2 1.82x.
   */
  public static final List<CpuKernel> CANDIDATES =
      List.of(CpuKernel.DIGEST, CpuKernel.SIMD1, CpuKernel.SIMD2, CpuKernel.SIMD3);

  private static final int ROUNDS = 3;

  /**
   * How much faster a later candidate must measure to be chosen over an earlier one: more streams
   * take longer to compile (the first PoW after a start waits for that), so a tie goes to fewer.
   */
  static final double MARGIN = 0.05;

  private static volatile @Nullable CpuKernelChoice cached;

  /** Where a choice comes from. */
  public enum Source {
    /** The system property named the kernel. */
    FORCED,
    /** The cache file of an earlier measurement on this machine and JDK. */
    CACHED,
    /** Measured in this process. */
    MEASURED
  }

  public CpuKernelChoice {
    Map<CpuKernel, Double> copy = new EnumMap<>(CpuKernel.class);
    copy.putAll(rates);
    rates = Collections.unmodifiableMap(copy);
  }

  /** Measured single-thread rate of {@code k}, 0 when it was not measured. */
  public double rate(CpuKernel k) {
    return rates.getOrDefault(k, 0.0);
  }

  /**
   * The choice for this JVM: the kernel named by the system property when it is set (read on every
   * call), else the one cached for this machine, else measured now (seconds) and cached. Blocks
   * while measuring.
   */
  public static CpuKernelChoice get() {
    Optional<CpuKernelChoice> f = forced();
    if (f.isPresent()) {
      return f.get();
    }
    CpuKernelChoice c = cached;
    if (c == null) {
      synchronized (CpuKernelChoice.class) {
        c = cached;
        if (c == null) {
          c = loadOrMeasure(KernelChoiceCache.forThisJvm());
          cached = c;
        }
      }
    }
    return c;
  }

  /** The forced kernel, if the system property names one. */
  static Optional<CpuKernelChoice> forced() {
    String name = System.getProperty(PROPERTY);
    if (name == null || name.isBlank() || name.strip().equalsIgnoreCase("auto")) {
      return Optional.empty();
    }
    CpuKernel k = CpuKernel.parse(name);
    Optional<String> why = k.unavailableReason();
    if (why.isPresent()) {
      return Optional.of(
          new CpuKernelChoice(
              CpuKernel.DIGEST,
              Map.of(),
              "property " + PROPERTY + "=" + name + " but " + why.get(),
              Source.FORCED));
    }
    return Optional.of(
        new CpuKernelChoice(k, Map.of(), "set by property " + PROPERTY, Source.FORCED));
  }

  static CpuKernelChoice loadOrMeasure(KernelChoiceCache cache) {
    Optional<CpuKernelChoice> hit = cache.load();
    if (hit.isPresent()) {
      log()
          .log(
              System.Logger.Level.DEBUG,
              "cpu kernel from cache kernel={0} file={1}",
              hit.get().kernel().label(),
              cache.file());
      return hit.get();
    }
    CpuKernelChoice c = measure();
    if (!c.rates().isEmpty()) {
      cache.save(c);
    }
    log()
        .log(
            System.Logger.Level.INFO,
            "cpu kernel measured kernel={0} reason={1}",
            c.kernel().label(),
            c.reason());
    return c;
  }

  /**
   * The candidate chosen by {@code rates}: the fastest, ties within {@link #MARGIN} to the first.
   */
  static CpuKernel pick(Map<CpuKernel, Double> rates) {
    CpuKernel best = CpuKernel.DIGEST;
    for (CpuKernel k : CANDIDATES) {
      if (rates.getOrDefault(k, 0.0) > rates.getOrDefault(best, 0.0) * (1 + MARGIN)) {
        best = k;
      }
    }
    return best;
  }

  /**
   * Warms up and measures the {@link #CANDIDATES} available here on the calling thread (seconds)
   * and picks the fastest; does not touch the cache.
   */
  public static CpuKernelChoice measure() {
    Optional<String> simdMissing = SimdScanner.unavailableReason();
    if (simdMissing.isPresent()) {
      return new CpuKernelChoice(CpuKernel.DIGEST, Map.of(), simdMissing.get(), Source.MEASURED);
    }
    Map<CpuKernel, Double> rates = KernelMeasurement.measure(CANDIDATES, ROUNDS);
    CpuKernel best = pick(rates);
    List<String> parts = new ArrayList<>();
    rates.forEach(
        (k, v) -> parts.add(String.format(Locale.ROOT, "%s %.2f M/s", k.label(), v / 1e6)));
    String reason =
        String.format(
            Locale.ROOT,
            "measured on one thread (%d-bit vectors): %s",
            SimdScanner.preferredVectorBits(),
            String.join(", ", parts));
    return new CpuKernelChoice(best, rates, reason, Source.MEASURED);
  }

  /**
   * Looked up when used, not at class initialisation: the warm-up thread passes through this class
   * first thing, and setting up the logging back-end (~0.1 s) should not delay it.
   */
  private static System.Logger log() {
    return System.getLogger(CpuKernelChoice.class.getName());
  }
}
