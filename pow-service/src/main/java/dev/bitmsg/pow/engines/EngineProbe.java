package dev.bitmsg.pow.engines;

import dev.bitmsg.pow.NonceScanner;
import java.util.List;

/**
 * What probing an engine family found: one ready, self-tested scanner per usable device, and one
 * line per device or runtime that could not be used (why). Immutable list views.
 */
public record EngineProbe(String engine, List<NonceScanner> scanners, List<String> problems) {
  public EngineProbe {
    scanners = List.copyOf(scanners);
    problems = List.copyOf(problems);
  }

  public static EngineProbe unavailable(String engine, String reason) {
    return new EngineProbe(engine, List.of(), List.of(reason));
  }

  public boolean available() {
    return !scanners.isEmpty();
  }
}
