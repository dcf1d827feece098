package dev.bitmsg.pow.engines;

import dev.bitmsg.pow.PowEngine;
import dev.bitmsg.pow.SlicedPowEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The engine families installed in this process, found with {@link ServiceLoader} and picked by
 * name: {@code cpu}, {@code opencl}, {@code aparapi}, or {@code all}. A well-known family whose
 * provider is missing, or whose probe throws, is reported as unavailable with the reason rather
 * than failing the caller. Immutable after {@link #load()}; probing is thread-safe as far as the
 * providers are.
 */
public final class EngineCatalog {
  /** Selects every installed family. */
  public static final String ALL = "all";

  /** Families this project ships, in the order {@code all} probes them. */
  public static final List<String> KNOWN = List.of("cpu", "opencl", "aparapi");

  private final Map<String, EngineProvider> providers;
  private final List<String> loadProblems;

  private EngineCatalog(Map<String, EngineProvider> providers, List<String> loadProblems) {
    this.providers = providers;
    this.loadProblems = loadProblems;
  }

  /** Loads every provider on the class path. */
  public static EngineCatalog load() {
    Map<String, EngineProvider> found = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    ServiceLoader<EngineProvider> loader =
        ServiceLoader.load(EngineProvider.class, EngineCatalog.class.getClassLoader());
    var it = loader.iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        EngineProvider p = it.next();
        found.putIfAbsent(p.name().toLowerCase(Locale.ROOT), p);
      } catch (ServiceConfigurationError | LinkageError e) {
        problems.add("an engine provider could not be loaded: " + e.getMessage());
      }
    }
    return new EngineCatalog(Map.copyOf(found), List.copyOf(problems));
  }

  /** Names of the installed families: the known ones first, then any others. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (String k : KNOWN) {
      if (providers.containsKey(k)) {
        names.add(k);
      }
    }
    providers.keySet().stream().filter(n -> !KNOWN.contains(n)).sorted().forEach(names::add);
    return names;
  }

  /** Providers that failed to load (class path or linkage problems). */
  public List<String> loadProblems() {
    return loadProblems;
  }

  /**
   * Probes the family {@code selection} names, or every known and installed one for {@code all};
   * one probe per family, unavailable ones with their reason.
   *
   * @throws IllegalArgumentException for a name that is neither installed nor known
   */
  public List<EngineProbe> probe(String selection, EngineOptions options) {
    String sel = selection.toLowerCase(Locale.ROOT).strip();
    List<String> names = new ArrayList<>();
    if (sel.equals(ALL)) {
      names.addAll(KNOWN);
      names.addAll(names().stream().filter(n -> !KNOWN.contains(n)).toList());
    } else if (providers.containsKey(sel) || KNOWN.contains(sel)) {
      names.add(sel);
    } else {
      throw new IllegalArgumentException(
          "unknown engine '" + selection + "': choose one of " + String.join(", ", allChoices()));
    }
    List<EngineProbe> probes = new ArrayList<>();
    for (String n : names) {
      probes.add(probeOne(n, options));
    }
    return probes;
  }

  /** What users may type: the known and installed names and {@code all}. */
  public List<String> allChoices() {
    List<String> c = new ArrayList<>(KNOWN);
    names().stream().filter(n -> !c.contains(n)).forEach(c::add);
    c.add(ALL);
    return c;
  }

  private EngineProbe probeOne(String name, EngineOptions options) {
    EngineProvider p = providers.get(name);
    if (p == null) {
      String why = "no '" + name + "' engine provider is installed";
      if (!loadProblems.isEmpty()) {
        why += " (" + String.join("; ", loadProblems) + ")";
      }
      return EngineProbe.unavailable(name, why);
    }
    try {
      return p.probe(options);
    } catch (RuntimeException | LinkageError e) {
      return EngineProbe.unavailable(name, "probing failed: " + e);
    }
  }

  /**
   * An engine over every scanner of an available probe.
   *
   * @throws IllegalArgumentException when the probe found nothing usable
   */
  public static PowEngine engine(EngineProbe probe) {
    if (!probe.available()) {
      throw new IllegalArgumentException(
          "engine " + probe.engine() + " is not available: " + String.join("; ", probe.problems()));
    }
    return new SlicedPowEngine(probe.engine(), probe.scanners());
  }
}
