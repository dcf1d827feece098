package dev.bitmsg.node.app;

import dev.bitmsg.pow.SiFormat;
import java.io.PrintWriter;
import java.util.Locale;

/** Renders one redrawn line: status, bar, PoW rate and ETA. Not thread-safe (one CLI thread). */
final class SendProgressLine {
  private static final int WIDTH = 24;
  private final PrintWriter out;
  private int lastLength;

  SendProgressLine(PrintWriter out) {
    this.out = out;
  }

  static String rate(double perSecond) {
    return SiFormat.of(perSecond) + "/s";
  }

  static String line(String status, double trials, double expected, double perSecond, double eta) {
    double fraction = expected > 0 ? Math.min(1, trials / expected) : 0;
    int filled = (int) Math.round(fraction * WIDTH);
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    String etaText =
        eta < 0
            ? "?"
            : eta < 1 && trials > expected
                ? "any moment (unlucky run)"
                : String.format(Locale.ROOT, "%.0f s", eta);
    return String.format(
        Locale.ROOT,
        "%-18s [%s] %3.0f%% of expected work  %s  ETA %s",
        status,
        bar,
        fraction * 100,
        rate(perSecond),
        etaText);
  }

  void draw(String text) {
    StringBuilder sb = new StringBuilder("\r").append(text);
    for (int i = text.length(); i < lastLength; i++) {
      sb.append(' ');
    }
    lastLength = text.length();
    out.print(sb);
    out.flush();
  }

  void clear() {
    if (lastLength > 0) {
      out.print("\r" + " ".repeat(lastLength) + "\r");
      out.flush();
      lastLength = 0;
    }
  }
}
