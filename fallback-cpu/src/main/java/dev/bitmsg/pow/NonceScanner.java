package dev.bitmsg.pow;

import java.util.List;

/**
 * The primitive every engine implements: scan a batch of bounded nonce ranges in one pass and
 * report, per slice, the first nonce found (if any). A call blocks for roughly the time the slices
 * take, so callers keep slices short (~10-50 ms) for prompt cancellation and fair scheduling.
 * Implementations are used by one thread at a time unless they say otherwise.
 */
public interface NonceScanner extends AutoCloseable {
  /** Engine name reported in solutions, e.g. {@code cpu-simd}, {@code opencl:<device>}. */
  String name();

  /** About how many trials one {@link #scan} call should hold to take ~20 ms here. */
  long trialsPerPass();

  /** Scans each slice; the result list is index-aligned with {@code slices}. */
  List<ScanOutcome> scan(List<ScanSlice> slices);

  @Override
  void close();
}
