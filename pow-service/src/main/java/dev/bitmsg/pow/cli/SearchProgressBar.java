package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.PowHandle;
import dev.bitmsg.pow.PowProgress;
import dev.bitmsg.pow.SiFormat;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line live progress display on a terminal: trials against the expected number, rate and a
 * rough ETA (a search has no true percentage: the expectation only says how long it takes on
 * average). Not thread-safe; drawn from the thread waiting for the result.
 */
final class SearchProgressBar {
  private static final int WIDTH = 24;

  private final PrintWriter err;
  private final double expectedTrials;
  private boolean drawn;

  SearchProgressBar(PrintWriter err, double expectedTrials) {
    this.err = err;
    this.expectedTrials = expectedTrials;
  }

  void draw(PowHandle handle) {
    draw(handle.progress());
  }

  void draw(PowProgress p) {
    double frac = Math.min(1.0, p.trials() / expectedTrials);
    int filled = (int) Math.round(frac * WIDTH);
    String eta =
        p.trialsPerSecond() > 0 && p.trials() < expectedTrials
            ? String.format(
                Locale.ROOT, "~%.0fs left", (expectedTrials - p.trials()) / p.trialsPerSecond())
            : "any moment";
    err.printf(
        Locale.ROOT,
        "\r[%s%s] %5.1f%% of expected  %s trials/s  %s   ",
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        100 * frac,
        SiFormat.of(p.trialsPerSecond()),
        eta);
    err.flush();
    drawn = true;
  }

  void clear() {
    if (drawn) {
      err.print("\r" + " ".repeat(WIDTH + 70) + "\r");
      err.flush();
    }
  }
}
