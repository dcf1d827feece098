package dev.bitmsg.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuKernelChoiceTest {
  @Test
  void measurementPicksTheFastestAvailableCandidate() {
    CpuKernelChoice c = CpuKernelChoice.measure();
    assertEquals(CpuKernelChoice.Source.MEASURED, c.source());
    if (SimdScanner.unavailableReason().isPresent()) {
      assertEquals(CpuKernel.DIGEST, c.kernel());
      return;
    }
    assertEquals(CpuKernelChoice.CANDIDATES.size(), c.rates().size(), c.rates().toString());
    for (CpuKernel k : CpuKernelChoice.CANDIDATES) {
      assertTrue(c.rate(k) > 0, k.label());
      assertTrue(
          c.rate(k) <= c.rate(c.kernel()) * (1 + CpuKernelChoice.MARGIN),
          k.label() + " beat the choice: " + c.rates());
      assertTrue(c.reason().contains(k.label() + " "), c.reason());
    }
    assertEquals(CpuKernelChoice.pick(c.rates()), c.kernel());
    assertTrue(c.reason().contains("M/s"), c.reason());
  }

  @Test
  void theFastestWinsAndATieGoesToFewerStreams() {
    assertEquals(
        CpuKernel.SIMD3,
        CpuKernelChoice.pick(
            Map.of(CpuKernel.DIGEST, 2e6, CpuKernel.SIMD2, 10e6, CpuKernel.SIMD3, 11e6)));
    assertEquals(
        CpuKernel.SIMD2,
        CpuKernelChoice.pick(
            Map.of(CpuKernel.DIGEST, 2e6, CpuKernel.SIMD2, 10e6, CpuKernel.SIMD3, 10.4e6)));
    assertEquals(
        CpuKernel.DIGEST,
        CpuKernelChoice.pick(
            Map.of(CpuKernel.DIGEST, 9e6, CpuKernel.SIMD2, 8e6, CpuKernel.SIMD3, 9.2e6)));
    assertEquals(CpuKernel.DIGEST, CpuKernelChoice.pick(Map.of(CpuKernel.DIGEST, 1e6)));
  }

  @Test
  void ratesAreCopiedAndReadOnly() {
    Map<CpuKernel, Double> rates = new java.util.HashMap<>(Map.of(CpuKernel.DIGEST, 1.0));
    CpuKernelChoice c =
        new CpuKernelChoice(CpuKernel.DIGEST, rates, "test", CpuKernelChoice.Source.MEASURED);
    rates.put(CpuKernel.SIMD2, 2.0);
    assertEquals(Map.of(CpuKernel.DIGEST, 1.0), c.rates());
    assertEquals(0.0, c.rate(CpuKernel.SIMD2));
    assertThrows(UnsupportedOperationException.class, () -> c.rates().clear());
  }

  @Test
  void kernelNames() {
    assertEquals(CpuKernel.SIMD2, CpuKernel.parse("SIMD"));
    assertEquals(CpuKernel.SIMD3, CpuKernel.parse(" simd3 "));
    assertEquals(CpuKernel.DIGEST, CpuKernel.parse("digest"));
    for (CpuKernel k : CpuKernel.values()) {
      assertEquals(k, CpuKernel.parse(k.label()));
      assertEquals(k != CpuKernel.DIGEST, k.simd());
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CpuKernel.parse("gpu"));
    assertTrue(String.valueOf(e.getMessage()).contains("simd1..simd3"), e.getMessage());
  }
}
