package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.engines.EngineCatalog;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import java.util.List;

/** Shared by the commands that take {@code --engine} and {@code --threads}. Stateless. */
final class EngineSelection {
  private EngineSelection() {}

  static List<EngineProbe> probe(String engine, int threads) {
    return EngineCatalog.load().probe(engine, new EngineOptions(threads));
  }

  static String problems(EngineProbe p) {
    return p.problems().isEmpty() ? "no usable device" : String.join("; ", p.problems());
  }
}
