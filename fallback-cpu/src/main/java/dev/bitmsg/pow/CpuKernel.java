package dev.bitmsg.pow;

import java.util.Locale;
import java.util.Optional;

/**
 * The single-thread CPU kernels: {@code simd} (Vector API, {@link SimdScanner}) and {@code digest}
 * (JDK {@code MessageDigest}, {@link DigestScanner}). Which one is the default in this JVM is
 * measured by {@link CpuKernelChoice}.
 */
public enum CpuKernel {
  SIMD("simd"),
  DIGEST("digest");

  private final String label;

  CpuKernel(String label) {
    this.label = label;
  }

  /** The name users type. */
  public String label() {
    return label;
  }

  /** Why this kernel cannot run here, or empty. */
  public Optional<String> unavailableReason() {
    return this == SIMD ? SimdScanner.unavailableReason() : Optional.empty();
  }

  /**
   * A new single-thread scanner of this kernel.
   *
   * @throws IllegalStateException when the kernel is unavailable here
   */
  public NonceScanner newScanner() {
    return this == SIMD ? SimdScanner.create() : new DigestScanner();
  }

  /** Parses {@code simd} or {@code digest} (any case). */
  public static CpuKernel parse(String s) {
    for (CpuKernel k : values()) {
      if (k.label.equals(s.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown CPU kernel '" + s + "': use simd or digest");
  }
}
