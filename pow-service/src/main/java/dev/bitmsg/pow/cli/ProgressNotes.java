package dev.bitmsg.pow.cli;

import java.util.Locale;

/** A bench run's progress lines: printed as they come, left out when the run prints JSON. */
final class ProgressNotes {
  private final boolean quiet;

  ProgressNotes(boolean quiet) {
    this.quiet = quiet;
  }

  void note(String format, Object... args) {
    if (!quiet) {
      System.out.println(String.format(Locale.ROOT, format, args));
    }
  }
}
