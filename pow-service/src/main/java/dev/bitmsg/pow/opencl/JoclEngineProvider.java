package dev.bitmsg.pow.opencl;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import dev.bitmsg.pow.engines.EngineProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jocl.CLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code opencl} engine family: one {@link JoclScanner} per device of every OpenCL platform,
 * each admitted only after its self-test (known trial values from the differential kernel, then
 * {@link KnownAnswerSelfTest}) and a launch-size calibration. A missing runtime, no platform or no
 * device makes the probe unavailable with the reason; it never throws. Stateless; thread-safe.
 */
public final class JoclEngineProvider implements EngineProvider {
  public static final String NAME = "opencl";
  private static final Logger log = LoggerFactory.getLogger(JoclEngineProvider.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EngineProbe probe(EngineOptions options) {
    return probe(JoclSettings.fromSystemProperties());
  }

  /** Probes with explicit settings. */
  public EngineProbe probe(JoclSettings settings) {
    List<ClDevice> devices;
    try {
      devices = ClDevice.discoverAll();
    } catch (LinkageError e) {
      return unavailable("the OpenCL/JOCL native library could not be loaded: " + e);
    } catch (CLException e) {
      return unavailable("no OpenCL platform: " + e.getMessage());
    } catch (RuntimeException e) {
      return unavailable("OpenCL discovery failed: " + e);
    }
    if (devices.isEmpty()) {
      return unavailable("no OpenCL device on any platform");
    }
    List<NonceScanner> scanners = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ClDevice device : devices) {
      JoclScanner scanner = null;
      try {
        scanner = JoclScanner.open(device, settings);
        Optional<String> problem = selfTest(scanner);
        if (problem.isPresent()) {
          throw new IllegalStateException(problem.get());
        }
        scanner.calibrate(settings.targetLaunchMillis());
        log.info("OpenCL device {} passed its self-test; {} trials per launch (work-group {},"
            + " {} nonces per item)", device, scanner.trialsPerPass(), scanner.workGroupSize(),
            scanner.noncesPerItem());
        scanners.add(scanner);
      } catch (RuntimeException | LinkageError e) {
        String why = "OpenCL device " + device + " excluded: " + e.getMessage();
        log.error("{}", why);
        problems.add(why);
        if (scanner != null) {
          scanner.close();
        }
      }
    }
    return new EngineProbe(NAME, scanners, problems);
  }

  /** Known trial values from the differential kernel, the known-answer searches, the generic check. */
  static Optional<String> selfTest(JoclScanner scanner) {
    try {
      return checkKnownAnswers(scanner);
    } catch (RuntimeException e) {
      return Optional.of("self-test failed: " + e.getMessage());
    }
  }

  private static Optional<String> checkKnownAnswers(JoclScanner scanner) {
    long[] values = scanner.trialValues(KnownAnswers.HASH, 0, 4);
    for (int i = 0; i < values.length; i++) {
      long want = KnownAnswers.TRIAL_VALUES_0_TO_3.get(i);
      if (values[i] != want) {
        return Optional.of(String.format(Locale.ROOT, "self-test trial value of nonce %d is %s, expected %s",
            i, Long.toUnsignedString(values[i]), Long.toUnsignedString(want)));
      }
    }
    long last = -1; // 2^64-1: the kernel and the CPU must agree at the top of the range too
    long[] top = scanner.trialValues(KnownAnswers.HASH, last, 2);
    if (top[0] != TrialValue.of(last, KnownAnswers.HASH)
        || top[1] != TrialValue.of(0, KnownAnswers.HASH)) {
      return Optional.of("self-test trial values at 2^64-1 and its wrap to 0 differ from the CPU");
    }
    Optional<String> known = KnownAnswerSelfTest.run(scanner);
    return known.isPresent() ? known : dev.bitmsg.pow.ScannerSelfTest.check(scanner);
  }

  private static EngineProbe unavailable(String reason) {
    log.info("OpenCL engine unavailable: {}", reason);
    return EngineProbe.unavailable(NAME, reason);
  }
}
