package dev.bitmsg.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitmsg.pow.testing.RandomHashes;
import dev.bitmsg.vectors.VectorFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every single-thread kernel (digest and each SIMD stream count) and the threaded scanner against
 * the vectors and {@link TrialValue}.
 */
class ScannerTest {
  private static final VectorFile.Block KERNEL = VectorFile.block("pow.txt", "search kernel test");
  private static final InitialHash HASH = InitialHash.of(KERNEL.hex("initial_hash"));

  /** One scanner of every SIMD kernel variant. */
  private static List<SimdScanner> simdVariants() {
    assumeTrue(SimdScanner.unavailableReason().isEmpty(), "Vector API not enabled");
    List<SimdScanner> list = new ArrayList<>();
    for (int streams = 1; streams <= SimdScanner.MAX_STREAMS; streams++) {
      list.add(SimdScanner.create(streams));
    }
    return list;
  }

  @Test
  void simdTrialValuesEqualTrialValueIncludingEdgesAndWrapAround() {
    for (SimdScanner s : simdVariants()) {
      simdTrialValuesEqualTrialValue(s);
    }
  }

  /**
   * Priming runs the kernel with its loops cut short, which leaves partial words in its schedule
   * arrays: the next job must not see them.
   */
  @Test
  void simdAfterPrimingStillEqualsTrialValueAndPassesTheSelfTest() {
    for (SimdScanner s : simdVariants()) {
      s.prime();
      simdTrialValuesEqualTrialValue(s);
      s.prime();
      assertEquals(Optional.empty(), ScannerSelfTest.check(s), s.name());
      s.prime();
      assertSmallest(s, "2pow44");
    }
  }

  private static void simdTrialValuesEqualTrialValue(SimdScanner s) {
    Random rnd = new Random(7);
    long[] bases = {0, 0xffff_ffffL - 700, Long.MIN_VALUE - 600, -1L, -900, rnd.nextLong()};
    int checked = 0;
    for (long base : bases) {
      InitialHash h = RandomHashes.next(rnd);
      long[] got = new long[1024 + 3]; // not a multiple of the lane count
      s.trialValues(h, base, got);
      for (int i = 0; i < got.length; i++) {
        assertEquals(
            TrialValue.of(base + i, h),
            got[i],
            s.name() + " nonce " + Long.toUnsignedString(base + i));
        checked++;
      }
    }
    assertTrue(checked >= 4096);
    long[] four = new long[4];
    s.trialValues(HASH, 0, four);
    for (int i = 0; i < 4; i++) {
      assertEquals(KERNEL.decimal("trial_value_nonce" + i), four[i]);
    }
  }

  @Test
  void trialValueVectors() {
    for (int i = 0; i < 4; i++) {
      assertEquals(KERNEL.decimal("trial_value_nonce" + i), TrialValue.of(i, HASH));
    }
  }

  @Test
  void digestFindsTheSmallestNonces() {
    try (DigestScanner s = new DigestScanner()) {
      assertSmallest(s, "2pow48");
      assertSmallest(s, "2pow44");
      assertWorkedExample(s);
    }
  }

  @Test
  void simdFindsTheSmallestNonces() {
    for (SimdScanner s : simdVariants()) {
      assertSmallest(s, "2pow48");
      assertSmallest(s, "2pow44");
      assertSmallest(s, "2pow40");
      assertWorkedExample(s);
      s.close();
    }
  }

  @Test
  void everySimdVariantPassesTheSelfTest() {
    for (SimdScanner s : simdVariants()) {
      assertEquals(Optional.empty(), ScannerSelfTest.check(s), s.name());
      assertEquals(SimdScanner.NAME + s.streams(), s.name());
      assertEquals(s.streams() * s.vectorBits() / 64, s.lanes());
      s.close();
    }
  }

  @Test
  void batchOfSlicesIsIndexAligned() {
    for (NonceScanner s : kernels()) {
      long target = KERNEL.decimal("target_2pow48");
      long smallest = KERNEL.decimal("smallest_nonce_2pow48");
      List<ScanOutcome> out =
          s.scan(
              List.of(
                  new ScanSlice(HASH, target, 0, smallest), // ends right before the answer
                  new ScanSlice(HASH, target, smallest - 5, 11),
                  new ScanSlice(HASH, target, 0, 1)));
      assertEquals(3, out.size());
      assertFalse(out.get(0).found(), s.name());
      assertEquals(smallest, out.get(0).trials());
      assertTrue(out.get(1).found());
      assertEquals(smallest, out.get(1).nonce());
      assertEquals(6, out.get(1).trials());
      assertFalse(out.get(2).found());
      s.close();
    }
  }

  @Test
  void nonceZeroIsAnAnswerLikeAnyOther() {
    long target = TrialValue.of(0, HASH);
    for (NonceScanner s : kernels()) {
      ScanOutcome o = s.scan(List.of(new ScanSlice(HASH, target, 0, 64))).get(0);
      assertTrue(o.found(), s.name());
      assertEquals(0, o.nonce());
      assertEquals(target, o.trialValue());
      s.close();
    }
  }

  @Test
  void threadedScannerFindsValidNoncesWithEitherKernel() {
    for (CpuKernel k : CpuKernel.values()) {
      if (k.unavailableReason().isPresent()) {
        continue;
      }
      try (ThreadedScanner s = new ThreadedScanner(3, k::newScanner)) {
        assertEquals(3, s.threads());
        long target = KERNEL.decimal("target_2pow48");
        long smallest = KERNEL.decimal("smallest_nonce_2pow48");
        List<ScanOutcome> out =
            s.scan(
                List.of(
                    new ScanSlice(HASH, target, 0, 60_000),
                    new ScanSlice(HASH, target, 0, smallest),
                    new ScanSlice(HASH, KERNEL.decimal("target_2pow48"), -5000, 20_000)));
        ScanOutcome a = out.get(0);
        assertTrue(a.found(), s.name());
        assertTrue(TrialValue.isSolution(a.nonce(), HASH, target));
        assertEquals(TrialValue.of(a.nonce(), HASH), a.trialValue());
        assertTrue(Long.compareUnsigned(a.nonce(), 60_000) < 0);
        ScanOutcome none = out.get(1);
        assertFalse(none.found());
        assertEquals(smallest, none.trials());
        ScanOutcome wrapped = out.get(2);
        assertTrue(wrapped.found());
        assertTrue(TrialValue.isSolution(wrapped.nonce(), HASH, KERNEL.decimal("target_2pow48")));
      }
    }
  }

  private static List<NonceScanner> kernels() {
    List<NonceScanner> list = new ArrayList<>();
    list.add(new DigestScanner());
    if (SimdScanner.unavailableReason().isEmpty()) {
      for (int streams = 1; streams <= SimdScanner.MAX_STREAMS; streams++) {
        list.add(SimdScanner.create(streams));
      }
    }
    return list;
  }

  private static void assertSmallest(NonceScanner s, String which) {
    long target = KERNEL.decimal("target_" + which);
    long smallest = KERNEL.decimal("smallest_nonce_" + which);
    ScanOutcome o = s.scan(List.of(new ScanSlice(HASH, target, 0, smallest + 1000))).get(0);
    assertTrue(o.found(), s.name() + " " + which);
    assertEquals(smallest, o.nonce(), s.name() + " " + which);
    assertEquals(KERNEL.decimal("trial_value_" + which), o.trialValue());
    assertEquals(smallest + 1, o.trials());
  }

  private static void assertWorkedExample(NonceScanner s) {
    VectorFile.Block b = VectorFile.block("pow.txt", "full worked example");
    InitialHash h = InitialHash.of(b.hex("initial_hash"));
    ScanOutcome o = s.scan(List.of(new ScanSlice(h, b.decimal("target"), 0, 1 << 20))).get(0);
    assertEquals(b.decimal("smallest_nonce"), o.nonce(), s.name());
    assertEquals(b.decimal("trial_value"), o.trialValue());
  }
}
