package dev.bitmsg.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuKernelChoiceTest {
  @Test
  void measurementPicksTheFasterAvailableKernel() {
    CpuKernelChoice c = CpuKernelChoice.measure();
    if (SimdScanner.unavailableReason().isPresent()) {
      assertEquals(CpuKernel.DIGEST, c.kernel());
    } else {
      assertTrue(c.digestTrialsPerSecond() > 0);
      assertTrue(c.simdTrialsPerSecond() > 0);
      assertEquals(
          c.simdTrialsPerSecond() > c.digestTrialsPerSecond() ? CpuKernel.SIMD : CpuKernel.DIGEST,
          c.kernel());
    }
    assertTrue(
        c.reason().contains("M/s") || SimdScanner.unavailableReason().isPresent(), c.reason());
  }

  @Test
  void kernelNames() {
    assertEquals(CpuKernel.SIMD, CpuKernel.parse("SIMD"));
    assertEquals(CpuKernel.DIGEST, CpuKernel.parse("digest"));
    assertThrows(IllegalArgumentException.class, () -> CpuKernel.parse("gpu"));
  }
}
