package dev.bitmsg.pow;

import java.util.Locale;
import java.util.Optional;

/**
 * The single-thread CPU kernels: {@code digest} (JDK {@code MessageDigest}, {@link DigestScanner})
 * and {@code simd1..simd3} (Vector API, {@link SimdScanner} with 1 to 3 interleaved streams of
 * vectors). Which one is the default on this machine is measured (and cached) by {@link
 * CpuKernelChoice}.
 */
public enum CpuKernel {
  DIGEST("digest", 0),
  SIMD1("simd1", 1),
  SIMD2("simd2", 2),
  SIMD3("simd3", 3);

  private final String label;
  private final int streams;

  CpuKernel(String label, int streams) {
    this.label = label;
    this.streams = streams;
  }

  /** The name users type. */
  public String label() {
    return label;
  }

  /** Whether this is a Vector API kernel. */
  public boolean simd() {
    return streams > 0;
  }

  /** Interleaved vector streams of a SIMD kernel; 0 for {@code digest}. */
  public int streams() {
    return streams;
  }

  /** Why this kernel cannot run here, or empty. */
  public Optional<String> unavailableReason() {
    return simd() ? SimdScanner.unavailableReason() : Optional.empty();
  }

  /**
   * A new single-thread scanner of this kernel.
   *
   * @throws IllegalStateException when the kernel is unavailable here
   */
  public NonceScanner newScanner() {
    return simd() ? SimdScanner.create(streams) : new DigestScanner();
  }

  /**
   * Parses a label ({@code digest}, {@code simd1} .. {@code simd3}, any case); {@code simd} means
   * {@code simd2}, the usual best.
   */
  public static CpuKernel parse(String s) {
    String name = s.strip().toLowerCase(Locale.ROOT);
    if (name.equals("simd")) {
      return SIMD2;
    }
    for (CpuKernel k : values()) {
      if (k.label.equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown CPU kernel '" + s + "': use digest, simd (= simd2) or simd1..simd3");
  }
}
