package dev.bitmsg.pow;

import java.util.Locale;

/** Counts and rates as people read them: {@code 1234567} becomes {@code 1.23 M}. Stateless. */
public final class SiFormat {
  private SiFormat() {}

  /** {@code v} with a k, M or G prefix (a space between), or whole below a thousand. */
  public static String of(double v) {
    if (v >= 1e9) {
      return String.format(Locale.ROOT, "%.2f G", v / 1e9);
    }
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%.2f M", v / 1e6);
    }
    if (v >= 1e3) {
      return String.format(Locale.ROOT, "%.1f k", v / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", v);
  }
}
