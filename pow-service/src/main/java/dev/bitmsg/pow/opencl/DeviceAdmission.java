package dev.bitmsg.pow.opencl;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.ScannerSelfTest;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.engines.EngineProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission of device scanners, shared by the OpenCL engine families (JOCL and Aparapi): per
 * device, open a scanner, {@link #selfTest self-test} it, calibrate its launch size and keep it; a
 * device that fails anywhere is closed and reported with the reason, never thrown. Stateless;
 * thread-safe.
 */
public final class DeviceAdmission {
  private static final Logger log = LoggerFactory.getLogger(DeviceAdmission.class);

  /** One device to try: its label for messages, and how to open its scanner (may throw). */
  public record Candidate(String label, Supplier<? extends LaunchingScanner> opener) {}

  private DeviceAdmission() {}

  /**
   * Tries every candidate in order.
   *
   * @param engine the family's name for the probe
   * @param kind how messages name a device, e.g. "OpenCL device"
   */
  public static EngineProbe admit(
      String engine, String kind, List<Candidate> candidates, JoclSettings settings) {
    List<NonceScanner> scanners = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Candidate c : candidates) {
      LaunchingScanner scanner = null;
      try {
        scanner = c.opener().get();
        Optional<String> problem = selfTest(scanner);
        if (problem.isPresent()) {
          throw new IllegalStateException(problem.get());
        }
        scanner.calibrate(settings.targetLaunchMillis());
        log.info(
            "device admitted kind={} device={} trialsPerLaunch={} noncesPerItem={}",
            kind,
            c.label(),
            scanner.trialsPerPass(),
            scanner.noncesPerItem());
        scanners.add(scanner);
      } catch (RuntimeException | LinkageError e) {
        String why = kind + " " + c.label() + " excluded: " + e.getMessage();
        log.error("device excluded kind={} device={} reason={}", kind, c.label(), e.getMessage());
        problems.add(why);
        if (scanner != null) {
          scanner.close();
        }
      }
    }
    return new EngineProbe(engine, scanners, problems);
  }

  /**
   * Trial values from the differential kernel (2^64-1, its wrap to 0, then 1..3: the device and the
   * CPU must agree at both ends of the range), the {@link KnownAnswerSelfTest} searches, then the
   * generic {@link ScannerSelfTest}. Empty when the scanner passes; never throws.
   */
  public static Optional<String> selfTest(LaunchingScanner scanner) {
    try {
      long[] values = scanner.trialValues(KnownAnswers.HASH, -1, 5);
      for (int i = 0; i < values.length; i++) {
        long nonce = i - 1L;
        long want =
            i == 0
                ? TrialValue.of(nonce, KnownAnswers.HASH)
                : KnownAnswers.TRIAL_VALUES_0_TO_3.get(i - 1);
        if (values[i] != want) {
          return Optional.of(
              String.format(
                  Locale.ROOT,
                  "self-test trial value of nonce %s is %s, expected %s",
                  Long.toUnsignedString(nonce),
                  Long.toUnsignedString(values[i]),
                  Long.toUnsignedString(want)));
        }
      }
      Optional<String> known = KnownAnswerSelfTest.run(scanner);
      return known.isPresent() ? known : ScannerSelfTest.check(scanner);
    } catch (RuntimeException e) {
      return Optional.of("self-test failed: " + e.getMessage());
    }
  }
}
