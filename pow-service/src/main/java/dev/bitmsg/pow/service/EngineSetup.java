package dev.bitmsg.pow.service;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import dev.bitmsg.pow.engines.EngineProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Probes the engine families named in the configuration (found with {@link ServiceLoader}) and
 * collects every usable scanner, one per device, plus one line per problem. Immutable result.
 *
 * @param scanners self-tested scanners, in the order of the names given
 * @param problems devices or families that could not be used, and why
 */
public record EngineSetup(List<NonceScanner> scanners, List<String> problems) {
  public EngineSetup {
    scanners = List.copyOf(scanners);
    problems = List.copyOf(problems);
  }

  /** Probes {@code names} in order; an unknown name is an error, a missing device a problem. */
  public static EngineSetup probe(List<String> names, EngineOptions options) {
    Map<String, EngineProvider> providers = new TreeMap<>();
    for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) {
      providers.put(p.name(), p);
    }
    List<NonceScanner> scanners = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String name : names) {
      EngineProvider p = providers.get(name);
      if (p == null) {
        throw new IllegalArgumentException(
            "engines: unknown engine '" + name + "' (known: " + String.join(", ", providers.keySet())
                + ")");
      }
      EngineProbe probe = p.probe(options);
      scanners.addAll(probe.scanners());
      for (String why : probe.problems()) {
        problems.add(name + ": " + why);
      }
    }
    return new EngineSetup(scanners, problems);
  }
}
