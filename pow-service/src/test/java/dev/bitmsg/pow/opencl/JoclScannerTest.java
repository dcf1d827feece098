package dev.bitmsg.pow.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowException;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.service.testing.CpuReference;
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

/** The JOCL scanner on a real OpenCL device (PoCL in CI), checked against the CPU reference. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JoclScannerTest {
  private static final VectorFile.Block VECTORS =
      VectorFile.block("pow.txt", "GPU/CPU search kernel test");
  private static final InitialHash HASH = InitialHash.fromHex(VECTORS.get("initial_hash"));

  private List<ClDevice> devices;
  private JoclScanner scanner;

  @BeforeAll
  void open() {
    devices = OpenClTestSupport.devices();
    scanner = JoclScanner.open(devices.get(0), JoclSettings.defaults());
    scanner.calibrate(20);
  }

  @AfterAll
  void close() {
    if (scanner != null) {
      scanner.close();
    }
  }

  @Test
  void trialValuesOfTheVectorNoncesMatch() {
    long[] values = scanner.trialValues(HASH, 0, 4);
    for (int i = 0; i < 4; i++) {
      assertEquals(VECTORS.decimal("trial_value_nonce" + i), values[i], "nonce " + i);
    }
  }

  @Test
  void trialValuesMatchTheCpuOverRangesAndEdges() {
    SplittableRandom random = new SplittableRandom(20260101);
    long[][] ranges = {
      {0, 4096}, // includes 0
      {0xffff_ffffL - 64, 128}, // across 2^32-1
      {Long.MIN_VALUE - 64, 128}, // across 2^63 (sign bit)
      {-64, 128}, // 2^64-64 .. 63: 2^64-1 and the wrap to 0
      {random.nextLong(), 512},
    };
    int checked = 0;
    for (long[] range : ranges) {
      InitialHash hash = checked == 0 ? HASH : CpuReference.randomHash(random);
      long[] values = scanner.trialValues(hash, range[0], (int) range[1]);
      for (int i = 0; i < range[1]; i++) {
        long nonce = range[0] + i;
        assertEquals(
            TrialValue.of(nonce, hash), values[i], () -> "nonce " + Long.toUnsignedString(nonce));
        checked++;
      }
    }
    assertTrue(checked >= 4096 + 4 * 128);
  }

  @Test
  void vectorSmallestNoncesFromZero() {
    List<ScanSlice> slices =
        List.of(
            new ScanSlice(HASH, VECTORS.decimal("target_2pow48"), 0, 100_000),
            new ScanSlice(HASH, VECTORS.decimal("target_2pow44"), 0, 1_000_000));
    List<ScanOutcome> got = scanner.scan(slices);
    assertFound(
        got.get(0),
        VECTORS.decimal("smallest_nonce_2pow48"),
        VECTORS.decimal("trial_value_2pow48"));
    assertFound(
        got.get(1),
        VECTORS.decimal("smallest_nonce_2pow44"),
        VECTORS.decimal("trial_value_2pow44"));
  }

  @Test
  void smallestNonceFoundAcrossSeveralLaunches() {
    // A slice many launches long: the loop must go on launching until the first good nonce.
    long target = VECTORS.decimal("target_2pow44");
    long smallest = VECTORS.decimal("smallest_nonce_2pow44");
    long first = smallest - 5 * scanner.trialsPerPass() - 17;
    ScanOutcome got = scanner.scan(List.of(new ScanSlice(HASH, target, first, 1L << 40))).get(0);
    assertTrue(got.found());
    assertTrue(Long.compareUnsigned(got.nonce() - first, smallest - first) <= 0);
    assertTrue(TrialValue.isSolution(got.nonce(), HASH, target));
  }

  @Test
  void easyTargetsGiveTheFirstGoodNonceAndItValidates() {
    SplittableRandom random = new SplittableRandom(7);
    long target = 1L << 54; // about 1 in 1024
    List<ScanSlice> slices = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      long first = i == 0 ? -100 : random.nextLong(); // the first one wraps through 2^64-1
      slices.add(new ScanSlice(CpuReference.randomHash(random), target, first, 30_000));
    }
    List<ScanOutcome> got = scanner.scan(slices);
    for (int i = 0; i < slices.size(); i++) {
      ScanSlice s = slices.get(i);
      OptionalLong want =
          CpuReference.firstGoodOffset(s.initialHash(), target, s.firstNonce(), s.count());
      ScanOutcome o = got.get(i);
      assertEquals(want.isPresent(), o.found(), "slice " + i);
      if (o.found()) {
        assertEquals(s.firstNonce() + want.getAsLong(), o.nonce(), "slice " + i);
        assertEquals(TrialValue.of(o.nonce(), s.initialHash()), o.trialValue());
        assertTrue(TrialValue.meets(o.trialValue(), target));
      }
    }
  }

  @Test
  void hopelessTargetReportsNotFoundWithTheTrialsDone() {
    ScanOutcome got = scanner.scan(List.of(new ScanSlice(HASH, 1, 0, 5000))).get(0);
    assertFalse(got.found());
    assertEquals(5000, got.trials());
  }

  @Test
  void manyJobsInOneLaunchEachGetTheirOwnAnswer() {
    SplittableRandom random = new SplittableRandom(64);
    int jobsCount = 80;
    long count = 1000; // less than a full work-group per job: the small-group path
    List<LaunchJob> jobs = new ArrayList<>();
    for (int j = 0; j < jobsCount; j++) {
      // Targets from 2^53 to 2^58 so some jobs find nothing in their range.
      long target = 1L << (53 + j % 6);
      jobs.add(new LaunchJob(CpuReference.randomHash(random), target, random.nextLong(), count));
    }
    long[] offsets = scanner.launch(jobs, scanner.itemsFor(count));
    int found = 0;
    for (int j = 0; j < jobsCount; j++) {
      LaunchJob job = jobs.get(j);
      OptionalLong want =
          CpuReference.firstGoodOffset(job.hash(), job.target(), job.first(), job.count());
      assertEquals(want.orElse(LaunchingScanner.NOT_FOUND), offsets[j], "job " + j);
      found += want.isPresent() ? 1 : 0;
    }
    assertTrue(found > 0 && found < jobsCount, "the mix must hold found and not-found jobs");
  }

  @Test
  void moreSlicesThanOneLaunchHoldsTakeTurns() {
    SplittableRandom random = new SplittableRandom(4);
    try (JoclScanner small = JoclScanner.open(devices.get(0), new JoclSettings(16, 0, 20, 4))) {
      List<ScanSlice> slices = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        long target = 1L << (52 + i % 4);
        slices.add(
            new ScanSlice(
                CpuReference.randomHash(random), target, random.nextLong(), 3000 + 1000 * i));
      }
      List<ScanOutcome> got = small.scan(slices);
      assertEquals(slices.size(), got.size());
      for (int i = 0; i < slices.size(); i++) {
        ScanSlice s = slices.get(i);
        OptionalLong want =
            CpuReference.firstGoodOffset(s.initialHash(), s.target(), s.firstNonce(), s.count());
        assertEquals(want.isPresent(), got.get(i).found(), "slice " + i);
        if (want.isPresent()) {
          assertEquals(s.firstNonce() + want.getAsLong(), got.get(i).nonce(), "slice " + i);
        } else {
          assertEquals(s.count(), got.get(i).trials(), "slice " + i);
        }
      }
    }
  }

  @Test
  void everyDevicePassesTheSelfTest() {
    assertEquals(Optional.empty(), DeviceAdmission.selfTest(scanner));
    for (ClDevice device : devices.subList(1, devices.size())) {
      try (JoclScanner s = JoclScanner.open(device, JoclSettings.defaults())) {
        assertEquals(Optional.empty(), DeviceAdmission.selfTest(s), device.toString());
      }
    }
  }

  @Test
  void calibrationGivesWholeWavesOfWorkGroups() {
    long wave = (long) scanner.noncesPerItem() * scanner.workGroupSize() * scanner.residentGroups();
    assertTrue(scanner.residentGroups() >= devices.get(0).about().computeUnits());
    assertTrue(scanner.trialsPerLaunch() >= wave);
    assertEquals(0, scanner.trialsPerLaunch() % wave);
    assertEquals(2 * scanner.trialsPerLaunch(), scanner.trialsPerPass()); // two launches in flight
  }

  @Test
  void aSliceOfManyLaunchesFindsItsFirstGoodNonceWithLaunchesInFlight() {
    // Several launches per slice, the answer in the middle of one of them: the launches after it
    // were enqueued before its answer was read and must not change the result or the trial count.
    long perLaunch = scanner.trialsPerLaunch();
    InitialHash h = InitialHash.fromHex(VECTORS.get("initial_hash"));
    long target = VECTORS.decimal("target_2pow44");
    long smallest = VECTORS.decimal("smallest_nonce_2pow44");
    long first = smallest - 2 * perLaunch - perLaunch / 2;
    ScanOutcome got = scanner.scan(List.of(new ScanSlice(h, target, first, 6 * perLaunch))).get(0);
    assertTrue(got.found());
    OptionalLong want = CpuReference.firstGoodOffset(h, target, first, 6 * perLaunch);
    assertEquals(first + want.getAsLong(), got.nonce());
    assertEquals(want.getAsLong() / perLaunch * perLaunch + perLaunch, got.trials());
    // The same with two slices sharing the launches.
    List<ScanOutcome> two =
        scanner.scan(
            List.of(
                new ScanSlice(h, target, first, 6 * perLaunch),
                new ScanSlice(h, 1, 0, 3 * perLaunch)));
    assertEquals(got.nonce(), two.get(0).nonce());
    assertFalse(two.get(1).found());
    assertEquals(3 * perLaunch, two.get(1).trials());
  }

  @Test
  void aLyingDeviceFailsTheSelfTestAndTheCpuRecheck() {
    List<String> liar =
        List.of(
            "/kernels/inc_sha512.h",
            "/kernels-test/liar_prefix.cl",
            "/kernels/pow_double_sha512.cl",
            "/kernels-test/liar_search.cl");
    try (JoclScanner s = JoclScanner.open(devices.get(0), JoclSettings.defaults(), liar)) {
      Optional<String> problem = DeviceAdmission.selfTest(s);
      assertTrue(problem.isPresent());
      assertTrue(problem.get().contains("CPU re-check"), problem.get());
      assertNotNull(s.outOfServiceReason());
      PowException again =
          assertThrows(PowException.class, () -> s.scan(List.of(new ScanSlice(HASH, 1, 0, 10))));
      assertTrue(String.valueOf(again.getMessage()).contains("out of service"), again.getMessage());
    }
    try (JoclScanner s = JoclScanner.open(devices.get(0), JoclSettings.defaults(), liar)) {
      PowException e =
          assertThrows(PowException.class, () -> s.scan(List.of(new ScanSlice(HASH, 1, 0, 10))));
      assertTrue(String.valueOf(e.getMessage()).contains("exceeds the target"), e.getMessage());
    }
  }

  @Test
  void aProgramThatDoesNotBuildIsATypedErrorWithTheLog() {
    PowException e =
        assertThrows(
            PowException.class,
            () ->
                JoclScanner.open(
                    devices.get(0),
                    JoclSettings.defaults(),
                    List.of("/kernels-test/liar_search.cl")));
    assertTrue(String.valueOf(e.getMessage()).contains("build failed"), e.getMessage());
  }

  @Test
  void closedScannerRefusesWork() {
    JoclScanner s = JoclScanner.open(devices.get(0), JoclSettings.defaults());
    s.close();
    s.close();
    assertThrows(PowException.class, () -> s.scan(List.of(new ScanSlice(HASH, 1, 0, 10))));
  }

  private static void assertFound(ScanOutcome got, long nonce, long trial) {
    assertTrue(got.found());
    assertEquals(nonce, got.nonce());
    assertEquals(trial, got.trialValue());
  }
}
