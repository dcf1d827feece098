package dev.bitmsg.pow.opencl;

import static dev.bitmsg.pow.opencl.KnownAnswers.HASH;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.TrialValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The start-up self-test of a device scanner whose answers are the first good nonce in scan order:
 * one batch (one launch on a device) holding the known-answer searches of {@link KnownAnswers} at
 * 2^48 and 2^44, a target equal to a trial value (tests {@code <=}), one just below it (tests "not
 * found" next to nonce 0) and a range that wraps past 2^64-1. Stateless; thread-safe.
 */
public final class KnownAnswerSelfTest {
  private KnownAnswerSelfTest() {}

  /** Empty when the scanner passes; otherwise what went wrong. Never throws for a bad device. */
  public static Optional<String> run(NonceScanner scanner) {
    long trial1 = KnownAnswers.TRIAL_VALUES_0_TO_3.get(1);
    long wrapFirst = -2; // 2^64 - 2: the range is 2^64-2, 2^64-1, 0, 1
    long wrapTarget = KnownAnswers.TRIAL_VALUES_0_TO_3.get(0);
    List<ScanSlice> slices = new ArrayList<>();
    slices.add(
        new ScanSlice(
            HASH, KnownAnswers.TARGET_2POW48, 0, KnownAnswers.SMALLEST_NONCE_2POW48 + 1000));
    slices.add(
        new ScanSlice(
            HASH, KnownAnswers.TARGET_2POW44, 0, KnownAnswers.SMALLEST_NONCE_2POW44 + 1000));
    slices.add(new ScanSlice(HASH, trial1, 0, 4));
    slices.add(new ScanSlice(HASH, trial1 - 1, 0, 4));
    slices.add(new ScanSlice(HASH, wrapTarget, wrapFirst, 4));
    List<Optional<Long>> expected = new ArrayList<>();
    expected.add(Optional.of(KnownAnswers.SMALLEST_NONCE_2POW48));
    expected.add(Optional.of(KnownAnswers.SMALLEST_NONCE_2POW44));
    expected.add(Optional.of(1L));
    expected.add(Optional.empty());
    expected.add(firstGood(wrapFirst, 4, wrapTarget));
    List<ScanOutcome> outcomes;
    try {
      outcomes = scanner.scan(slices);
    } catch (RuntimeException e) {
      return Optional.of("self-test search failed: " + e);
    }
    for (int i = 0; i < slices.size(); i++) {
      ScanOutcome got = outcomes.get(i);
      Optional<Long> want = expected.get(i);
      Optional<Long> found = got.found() ? Optional.of(got.nonce()) : Optional.empty();
      if (!found.equals(want)) {
        return Optional.of(
            String.format(
                Locale.ROOT,
                "self-test slice %d (target %s from %s) expected %s, got %s",
                i,
                Long.toUnsignedString(slices.get(i).target()),
                Long.toUnsignedString(slices.get(i).firstNonce()),
                describe(want),
                describe(found)));
      }
    }
    return Optional.empty();
  }

  /** The CPU reference answer for a small range. */
  private static Optional<Long> firstGood(long first, int count, long target) {
    for (int i = 0; i < count; i++) {
      if (TrialValue.isSolution(first + i, HASH, target)) {
        return Optional.of(first + i);
      }
    }
    return Optional.empty();
  }

  private static String describe(Optional<Long> nonce) {
    return nonce.map(n -> "nonce " + Long.toUnsignedString(n)).orElse("no nonce");
  }
}
