package dev.bitmsg.node.metrics;

/**
 * The bounded {@code provider} label of the PoW metrics, from a solve's free-text description
 * ({@code remote HOST:PORT (engine)}, {@code cpu-simdx2}, {@code cpu-... (fallback: remote ...
 * UNAVAILABLE ...)}): one of {@code remote}, {@code cpu}, {@code cpu_fallback}, so error texts and
 * addresses never become label values. Stateless.
 */
public final class PowProviderLabel {
  public static final String REMOTE = "remote";
  public static final String CPU = "cpu";
  public static final String CPU_FALLBACK = "cpu_fallback";

  private PowProviderLabel() {}

  /** The label for a solve described as {@code by}. */
  public static String of(String by) {
    if (by.contains("(fallback:")) {
      return CPU_FALLBACK;
    }
    return by.startsWith("remote") ? REMOTE : CPU;
  }
}
