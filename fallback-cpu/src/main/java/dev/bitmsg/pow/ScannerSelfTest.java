package dev.bitmsg.pow;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A quick known-answer check of a {@link NonceScanner} against {@link TrialValue}, run before an
 * engine is put in service (hashcat's self-test idea): one slice whose target admits exactly the
 * nonces the CPU says it does, and one slice with no solution at all (which must not report one, in
 * particular not nonce 0). Stateless and thread-safe; the scanner is used from the calling thread.
 */
public final class ScannerSelfTest {
  private static final InitialHash HASH =
      InitialHash.ofObjectWithoutNonce(
          "bitmsg scanner self-test".getBytes(StandardCharsets.US_ASCII));
  private static final int SPAN = 256;

  private ScannerSelfTest() {}

  /** Empty when the scanner answers correctly, else what went wrong. */
  public static Optional<String> check(NonceScanner scanner) {
    try {
      // Nonces around 2^32 and 2^64 catch carries and wrap-around in device code.
      return first(run(scanner, 0xffff_ff80L), run(scanner, -SPAN / 2));
    } catch (RuntimeException e) {
      return Optional.of(scanner.name() + " failed its self-test: " + e);
    }
  }

  private static Optional<String> first(Optional<String> a, Optional<String> b) {
    return a.isPresent() ? a : b;
  }

  private static Optional<String> run(NonceScanner scanner, long base) {
    long[] trials = new long[SPAN];
    long min = -1L;
    for (int i = 0; i < SPAN; i++) {
      trials[i] = TrialValue.of(base + i, HASH);
      if (Long.compareUnsigned(trials[i], min) < 0) {
        min = trials[i];
      }
    }
    // Exactly the nonces whose trial equals the minimum solve the first slice; none the second.
    List<ScanOutcome> out =
        scanner.scan(
            List.of(
                new ScanSlice(HASH, min, base, SPAN), new ScanSlice(HASH, min - 1, base, SPAN)));
    if (out.size() != 2) {
      return Optional.of(scanner.name() + " returned " + out.size() + " outcomes for 2 slices");
    }
    ScanOutcome hit = out.get(0);
    if (!hit.found()) {
      return Optional.of(
          scanner.name() + " missed the solution near nonce " + Long.toUnsignedString(base));
    }
    if (!TrialValue.isSolution(hit.nonce(), HASH, min)
        || Long.compareUnsigned(hit.nonce() - base, SPAN) >= 0
        || hit.trialValue() != TrialValue.of(hit.nonce(), HASH)) {
      return Optional.of(
          scanner.name()
              + " reported a wrong nonce "
              + Long.toUnsignedString(hit.nonce())
              + " or trial value near nonce "
              + Long.toUnsignedString(base));
    }
    if (out.get(1).found()) {
      return Optional.of(
          scanner.name()
              + " reported nonce "
              + Long.toUnsignedString(out.get(1).nonce())
              + " for a slice without solution");
    }
    return Optional.empty();
  }
}
