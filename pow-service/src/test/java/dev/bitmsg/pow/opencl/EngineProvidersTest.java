package dev.bitmsg.pow.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.aparapi.AparapiEngineProvider;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import dev.bitmsg.pow.engines.EngineProvider;
import dev.bitmsg.pow.service.testing.OpenClTestSupport;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Both OpenCL engine families are found by ServiceLoader and probe to self-tested scanners. */
class EngineProvidersTest {
  @Test
  void serviceLoaderFindsOpenclAndAparapi() {
    Set<String> names =
        ServiceLoader.load(EngineProvider.class).stream()
            .map(p -> p.get().name())
            .collect(Collectors.toSet());
    assertTrue(names.contains("opencl"), names.toString());
    assertTrue(names.contains("aparapi"), names.toString());
  }

  @Test
  void joclProbeOffersEveryDeviceReadyToScan() {
    List<ClDevice> devices = OpenClTestSupport.devices();
    EngineProbe probe = new JoclEngineProvider().probe(EngineOptions.defaults());
    try {
      assertEquals("opencl", probe.engine());
      assertEquals(List.of(), probe.problems());
      assertEquals(devices.size(), probe.scanners().size());
      for (NonceScanner s : probe.scanners()) {
        assertTrue(s.name().startsWith("opencl:"), s.name());
        assertSolves(s);
      }
    } finally {
      probe.scanners().forEach(NonceScanner::close);
    }
  }

  @Test
  void aparapiProbeOffersADeviceReadyToScan() {
    OpenClTestSupport.devices();
    EngineProbe probe = new AparapiEngineProvider().probe(EngineOptions.defaults());
    try {
      assertEquals("aparapi", probe.engine());
      assertEquals(List.of(), probe.problems());
      assertTrue(probe.available());
      for (NonceScanner s : probe.scanners()) {
        assertTrue(s.name().startsWith("aparapi:"), s.name());
        assertSolves(s);
      }
    } finally {
      probe.scanners().forEach(NonceScanner::close);
    }
  }

  private static void assertSolves(NonceScanner s) {
    assertTrue(s.trialsPerPass() > 0);
    long target = 1L << 52;
    ScanOutcome o =
        s.scan(List.of(new ScanSlice(KnownAnswers.HASH, target, 12345, 200_000))).get(0);
    assertTrue(o.found());
    assertTrue(TrialValue.isSolution(o.nonce(), KnownAnswers.HASH, target));
  }
}
