package dev.bitmsg.pow.service;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.engines.EngineCatalog;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import java.util.ArrayList;
import java.util.List;

/**
 * Probes the engine families named in the configuration (through {@link EngineCatalog}) and
 * collects every usable scanner, one per device, plus one line per problem. Immutable.
 *
 * @param scanners self-tested scanners, in the order of the names given
 * @param problems devices or families that could not be used, and why
 */
public record EngineSetup(List<NonceScanner> scanners, List<String> problems) {
  public EngineSetup {
    scanners = List.copyOf(scanners);
    problems = List.copyOf(problems);
  }

  /**
   * Probes {@code names} in order; a missing device or runtime is a problem, not an error.
   *
   * @throws IllegalArgumentException for an unknown engine name (message starts with "engines:")
   */
  public static EngineSetup probe(List<String> names, EngineOptions options) {
    EngineCatalog catalog = EngineCatalog.load();
    List<NonceScanner> scanners = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String name : names) {
      List<EngineProbe> probes;
      try {
        probes = catalog.probe(name, options);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("engines: " + e.getMessage(), e);
      }
      for (EngineProbe probe : probes) {
        scanners.addAll(probe.scanners());
        for (String why : probe.problems()) {
          problems.add(probe.engine() + ": " + why);
        }
      }
    }
    return new EngineSetup(scanners, problems);
  }
}
