package dev.bitmsg.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The default CPU engine: usable at once (digest while the chosen kernel warms up in the
 * background), then on the kernel {@link CpuKernelChoice} chose, with correct answers throughout.
 */
class CpuKernelWarmupTest {
  private static final InitialHash HASH =
      InitialHash.ofObjectWithoutNonce("warm-up test".getBytes(StandardCharsets.US_ASCII));

  @Test
  void defaultEngineSolvesBeforeAndAfterTheKernelSwitch() throws Exception {
    try (SlicedPowEngine e = CpuPowEngine.create(2)) {
      PowSolution first = e.submit(new PowJob(HASH, 1L << 50, 0)).result().get(5, TimeUnit.MINUTES);
      assertTrue(TrialValue.isSolution(first.nonce(), HASH, 1L << 50));

      assertTrue(CpuPowEngine.awaitWarmUp(Duration.ofMinutes(5)), "warm-up finished");
      CpuKernelChoice choice = CpuKernelChoice.get();
      assertEquals(choice.kernel(), CpuPowEngine.activeKernel(), choice.reason());

      PowSolution second =
          e.submit(new PowJob(HASH, 1L << 48, 7)).result().get(5, TimeUnit.MINUTES);
      assertTrue(TrialValue.isSolution(second.nonce(), HASH, 1L << 48));
      String kernelName =
          choice.kernel().simd()
              ? SimdScanner.NAME + choice.kernel().streams()
              : DigestScanner.NAME;
      assertEquals(kernelName + "x2", second.engine());
    }
  }
}
