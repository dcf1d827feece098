package dev.bitmsg.pow.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowEngine;
import dev.bitmsg.pow.PowJob;
import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.TrialValue;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineCatalogTest {
  @Test
  void cpuIsRegisteredAndSolves() throws Exception {
    EngineCatalog catalog = EngineCatalog.load();
    assertTrue(catalog.names().contains("cpu"), catalog.names().toString());
    assertTrue(catalog.loadProblems().isEmpty(), catalog.loadProblems().toString());
    List<EngineProbe> probes = catalog.probe("cpu", new EngineOptions(2));
    assertEquals(1, probes.size());
    EngineProbe cpu = probes.get(0);
    assertTrue(cpu.available(), cpu.problems().toString());
    assertEquals("cpu", cpu.engine());
    InitialHash h = InitialHash.ofObjectWithoutNonce(new byte[] {4, 2});
    try (PowEngine engine = EngineCatalog.engine(cpu)) {
      PowSolution s =
          engine.submit(PowJob.randomStart(h, 1L << 52)).result().get(60, TimeUnit.SECONDS);
      assertTrue(TrialValue.isSolution(s.nonce(), h, 1L << 52));
    }
  }

  @Test
  void allProbesEveryKnownFamilyAndExplainsMissingOnes() {
    EngineCatalog catalog = EngineCatalog.load();
    List<EngineProbe> probes = catalog.probe("all", new EngineOptions(1));
    assertTrue(probes.size() >= 3);
    assertEquals(
        List.of("cpu", "opencl", "aparapi"),
        probes.subList(0, 3).stream().map(EngineProbe::engine).toList());
    for (EngineProbe p : probes) {
      if (!p.available()) {
        assertFalse(p.problems().isEmpty(), p.engine() + " says why it is unavailable");
      }
      p.scanners().forEach(s -> s.close());
    }
    assertTrue(catalog.allChoices().containsAll(List.of("cpu", "opencl", "aparapi", "all")));
  }

  @Test
  void unknownNamesAreRejectedWithTheChoices() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EngineCatalog.load().probe("fpga", EngineOptions.defaults()));
    assertTrue(String.valueOf(e.getMessage()).contains("cpu, opencl, aparapi"), e.getMessage());
    EngineProbe none = EngineProbe.unavailable("opencl", "no platform");
    assertThrows(IllegalArgumentException.class, () -> EngineCatalog.engine(none));
  }
}
