package dev.bitmsg.pow.aparapi;

import static dev.bitmsg.pow.service.testing.CpuReference.firstGoodOffset;
import static dev.bitmsg.pow.service.testing.CpuReference.randomHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.OpenCLDevice;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowException;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.opencl.DeviceAdmission;
import dev.bitmsg.pow.opencl.JoclSettings;
import dev.bitmsg.pow.opencl.LaunchJob;
import dev.bitmsg.pow.service.testing.OpenClTestSupport;
import dev.bitmsg.vectors.VectorFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
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
  private OpenCLDevice device;

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
      OpenClTestSupport.unavailable(why);
    }
    device = devices.get(0);
    scanner = AparapiScanner.open(device, "test", JoclSettings.defaults());
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
        assertEquals(
            TrialValue.of(nonce, HASH), values[i], () -> "nonce " + Long.toUnsignedString(nonce));
      }
    }
    for (int i = 0; i < 4; i++) {
      assertEquals(VECTORS.decimal("trial_value_nonce" + i), scanner.trialValues(HASH, i, 1)[0]);
    }
  }

  @Test
  void selfTestPassesAndVectorsAreTheSmallestNonces() {
    assertEquals(Optional.empty(), DeviceAdmission.selfTest(scanner));
    List<ScanOutcome> got =
        scanner.scan(
            List.of(
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

  @Test
  void manyJobsInOneLaunchEachGetTheirOwnAnswer() {
    SplittableRandom random = new SplittableRandom(65);
    int jobsCount = 64;
    long count = 2048;
    List<LaunchJob> jobs = new ArrayList<>();
    for (int j = 0; j < jobsCount; j++) {
      long target = 1L << (51 + j % 6); // 2^51..2^56: a mix of found and not found
      jobs.add(new LaunchJob(randomHash(random), target, random.nextLong(), count));
    }
    long[] offsets = scanner.launch(jobs, scanner.itemsFor(count));
    int found = 0;
    for (int j = 0; j < jobsCount; j++) {
      LaunchJob job = jobs.get(j);
      OptionalLong want = firstGoodOffset(job.hash(), job.target(), job.first(), job.count());
      assertEquals(want.orElse(-1), offsets[j], "job " + j);
      found += want.isPresent() ? 1 : 0;
    }
    assertTrue(found > 0 && found < jobsCount, "the mix must hold found and not-found jobs");
  }

  @Test
  void moreHitsThanSlotsStillGiveTheSmallestNonce() {
    SplittableRandom random = new SplittableRandom(66);
    for (int i = 0; i < 4; i++) {
      InitialHash hash = randomHash(random);
      long target = 1L << 62; // a quarter of all nonces: far more hits than slots per launch
      long first = random.nextLong();
      ScanOutcome got = scanner.scan(List.of(new ScanSlice(hash, target, first, 8192))).get(0);
      assertTrue(got.found());
      assertEquals(first + firstGoodOffset(hash, target, first, 8192).getAsLong(), got.nonce());
    }
  }

  @Test
  void aWrongDeviceAnswerIsCaughtByTheCpuRecheck() {
    AparapiScanner faulty = AparapiScanner.open(device, "faulty", JoclSettings.defaults());
    try {
      faulty.afterSearchForTest(
          k -> {
            k.hits[0] = 1;
            k.hitOffsets[0] = 0;
          });
      PowException e =
          assertThrows(
              PowException.class, () -> faulty.scan(List.of(new ScanSlice(HASH, 1, 0, 100))));
      assertTrue(String.valueOf(e.getMessage()).contains("exceeds the target"), e.getMessage());
      assertTrue(faulty.outOfServiceReason() != null);
      assertTrue(DeviceAdmission.selfTest(faulty).isPresent());
    } finally {
      faulty.close();
    }
  }

  @Test
  void aGarbageHitCountTakesTheDeviceOut() {
    AparapiScanner garbage = AparapiScanner.open(device, "garbage", JoclSettings.defaults());
    try {
      garbage.afterSearchForTest(k -> k.hits[0] = -409111121);
      PowException e =
          assertThrows(
              PowException.class,
              () -> garbage.scan(List.of(new ScanSlice(HASH, 1L << 62, 12345, 4096))));
      assertTrue(
          String.valueOf(e.getMessage()).contains("implausible hit count -409111121"),
          e.getMessage());
      assertTrue(garbage.outOfServiceReason() != null);
    } finally {
      garbage.close();
    }
  }

  @Test
  void theJavaThreadPoolFallbackIsRefused() {
    AparapiScanner jtp = AparapiScanner.open(device, "jtp", JoclSettings.defaults());
    try {
      jtp.forceJavaThreadPoolForTest();
      PowException e =
          assertThrows(PowException.class, () -> jtp.scan(List.of(new ScanSlice(HASH, 1, 0, 100))));
      // Aparapi either runs it in Java threads (refused afterwards) or rejects the device range
      // itself; either way no Java-thread result may come out as a device answer.
      assertTrue(
          String.valueOf(e.getMessage()).contains("fell back")
              || String.valueOf(e.getMessage()).contains("JTP"),
          e.getMessage());
      assertTrue(jtp.outOfServiceReason() != null);
    } finally {
      jtp.close();
    }
  }
}
