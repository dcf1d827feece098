package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.TrialValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The known-answer check every engine passes before it gets work: for the initial hash
 * SHA-512("bitmessage gpu pow test vector 1") and target 2^48 the smallest solving nonce is 9572
 * (docs/vectors/pow.txt). The engine must find nothing in [0, 9572) and a verified nonce in [0,
 * 10000). About 20,000 trials. Stateless.
 */
public final class SelfTest {
  static final InitialHash HASH =
      InitialHash.ofObjectWithoutNonce(
          "bitmessage gpu pow test vector 1".getBytes(StandardCharsets.US_ASCII));
  static final long TARGET = 1L << 48;
  static final long SMALLEST = 9572;

  private SelfTest() {}

  /** Empty when {@code scanner} passes, else why it failed. Never throws. */
  public static Optional<String> check(NonceScanner scanner) {
    try {
      List<ScanOutcome> out =
          scanner.scan(
              List.of(
                  new ScanSlice(HASH, TARGET, 0, SMALLEST),
                  new ScanSlice(HASH, TARGET, 0, 10_000)));
      if (out.size() != 2) {
        return Optional.of("returned " + out.size() + " outcomes for 2 slices");
      }
      if (out.get(0).found()) {
        return Optional.of(
            "claimed nonce " + out.get(0).nonce() + " below the smallest solution " + SMALLEST);
      }
      ScanOutcome hit = out.get(1);
      if (!hit.found()) {
        return Optional.of("missed the solution " + SMALLEST + " in [0, 10000)");
      }
      if (Long.compareUnsigned(hit.nonce(), 10_000) >= 0
          || TrialValue.of(hit.nonce(), HASH) != hit.trialValue()
          || !TrialValue.meets(hit.trialValue(), TARGET)) {
        return Optional.of("reported a nonce that fails CPU verification: " + hit);
      }
      return Optional.empty();
    } catch (RuntimeException | LinkageError e) {
      return Optional.of("threw " + e);
    }
  }
}
