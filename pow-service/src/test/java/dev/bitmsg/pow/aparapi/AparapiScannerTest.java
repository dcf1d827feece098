package dev.bitmsg.pow.aparapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aparapi.device.OpenCLDevice;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.opencl.JoclSettings;
import dev.bitmsg.vectors.VectorFile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Aparapi scanner on a real OpenCL device (PoCL in CI), checked against the CPU reference. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AparapiScannerTest {
  private static final VectorFile.Block VECTORS =
      VectorFile.block("pow.txt", "GPU/CPU search kernel test");
  private static final InitialHash HASH = InitialHash.fromHex(VECTORS.get("initial_hash"));

  private AparapiScanner scanner;

  @BeforeAll
  void open() {
    List<OpenCLDevice> devices;
    String why;
    try {
      devices = AparapiEngineProvider.devices();
      why = devices.isEmpty() ? "Aparapi sees no OpenCL device" : null;
    } catch (LinkageError | RuntimeException e) {
      devices = List.of();
      why = "Aparapi cannot load OpenCL: " + e;
    }
    if (why != null) {
      if ("1".equals(System.getenv("BM_REQUIRE_OPENCL"))) {
        fail("BM_REQUIRE_OPENCL=1 but " + why);
      }
      assumeTrue(false, why + "; set BM_REQUIRE_OPENCL=1 to make this a failure");
    }
    scanner = AparapiScanner.open(devices.get(0), "test", JoclSettings.defaults());
  }

  @AfterAll
  void close() {
    if (scanner != null) {
      scanner.close();
    }
  }

  @Test
  void trialValuesMatchTheCpuIncludingEdges() {
    long[][] ranges = {{0, 4096}, {0xffff_ffffL - 8, 16}, {Long.MIN_VALUE - 8, 16}, {-8, 16}};
    for (long[] range : ranges) {
      long[] values = scanner.trialValues(HASH, range[0], (int) range[1]);
      for (int i = 0; i < range[1]; i++) {
        long nonce = range[0] + i;
        assertEquals(TrialValue.of(nonce, HASH), values[i],
            () -> "nonce " + Long.toUnsignedString(nonce));
      }
    }
    for (int i = 0; i < 4; i++) {
      assertEquals(VECTORS.decimal("trial_value_nonce" + i), scanner.trialValues(HASH, i, 1)[0]);
    }
  }

  @Test
  void selfTestPassesAndVectorsAreTheSmallestNonces() {
    assertEquals(Optional.empty(), AparapiEngineProvider.selfTest(scanner));
    List<ScanOutcome> got = scanner.scan(List.of(
        new ScanSlice(HASH, VECTORS.decimal("target_2pow48"), 0, 50_000),
        new ScanSlice(HASH, VECTORS.decimal("target_2pow44"), 0, 400_000),
        new ScanSlice(HASH, 1, 0, 3000)));
    assertEquals(VECTORS.decimal("smallest_nonce_2pow48"), got.get(0).nonce());
    assertEquals(VECTORS.decimal("smallest_nonce_2pow44"), got.get(1).nonce());
    assertEquals(VECTORS.decimal("trial_value_2pow44"), got.get(1).trialValue());
    assertFalse(got.get(2).found());
    assertEquals(3000, got.get(2).trials());
    assertTrue(got.get(0).found() && got.get(1).found());
  }
}
