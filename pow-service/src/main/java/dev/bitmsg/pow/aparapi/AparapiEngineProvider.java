package dev.bitmsg.pow.aparapi;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import dev.bitmsg.pow.engines.EngineProvider;
import dev.bitmsg.pow.opencl.JoclSettings;
import dev.bitmsg.pow.opencl.KnownAnswers;
import dev.bitmsg.pow.opencl.KnownAnswerSelfTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code aparapi} engine family: one {@link AparapiScanner} per OpenCL device Aparapi sees,
 * admitted after the same self-test as the JOCL engine. Aparapi's Java-thread-pool fallback is
 * never offered as this engine: without OpenCL the probe is unavailable. Stateless; thread-safe.
 */
public final class AparapiEngineProvider implements EngineProvider {
  public static final String NAME = "aparapi";
  private static final Logger log = LoggerFactory.getLogger(AparapiEngineProvider.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EngineProbe probe(EngineOptions options) {
    return probe(JoclSettings.fromSystemProperties());
  }

  /** Probes with explicit settings (the JOCL knobs apply: nonces per item, work-group, ...). */
  public EngineProbe probe(JoclSettings settings) {
    List<OpenCLDevice> devices;
    try {
      devices = devices();
    } catch (LinkageError e) {
      return unavailable("Aparapi's native library could not be loaded: " + e);
    } catch (RuntimeException e) {
      return unavailable("Aparapi found no OpenCL: " + e);
    }
    if (devices.isEmpty()) {
      return unavailable("Aparapi found no OpenCL device (it would only run in Java threads)");
    }
    List<NonceScanner> scanners = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (OpenCLDevice device : devices) {
      String name = device.getName().strip();
      int ordinal = seen.merge(name, 1, Integer::sum);
      String label = ordinal == 1 ? name : name + "#" + ordinal;
      AparapiScanner scanner = null;
      try {
        scanner = AparapiScanner.open(device, label, settings);
        Optional<String> problem = selfTest(scanner);
        if (problem.isPresent()) {
          throw new IllegalStateException(problem.get());
        }
        scanner.calibrate(settings.targetLaunchMillis());
        log.info("Aparapi device {} passed its self-test; {} trials per launch", label,
            scanner.trialsPerPass());
        scanners.add(scanner);
      } catch (RuntimeException | LinkageError e) {
        String why = "Aparapi device " + label + " excluded: " + e.getMessage();
        log.error("{}", why);
        problems.add(why);
        if (scanner != null) {
          scanner.close();
        }
      }
    }
    return new EngineProbe(NAME, scanners, problems);
  }

  /** Every OpenCL device Aparapi lists, GPUs first. */
  static List<OpenCLDevice> devices() {
    List<OpenCLDevice> all = new ArrayList<>();
    for (Device.TYPE type : new Device.TYPE[] {Device.TYPE.GPU, Device.TYPE.ACC, Device.TYPE.CPU}) {
      List<OpenCLDevice> some = OpenCLDevice.listDevices(type);
      if (some != null) {
        all.addAll(some);
      }
    }
    return all;
  }

  /** Known trial values (2^64-1 and its wrap too), the known-answer searches, the generic check. */
  static Optional<String> selfTest(AparapiScanner scanner) {
    try {
      return checkKnownAnswers(scanner);
    } catch (RuntimeException e) {
      return Optional.of("self-test failed: " + e.getMessage());
    }
  }

  private static Optional<String> checkKnownAnswers(AparapiScanner scanner) {
    long[] values = scanner.trialValues(KnownAnswers.HASH, -1, 5);
    for (int i = 0; i < 5; i++) {
      long nonce = i - 1L;
      long want = i == 0
          ? TrialValue.of(nonce, KnownAnswers.HASH)
          : KnownAnswers.TRIAL_VALUES_0_TO_3.get(i - 1);
      if (values[i] != want) {
        return Optional.of(String.format(Locale.ROOT, "self-test trial value of nonce %s is %s, expected %s",
            Long.toUnsignedString(nonce), Long.toUnsignedString(values[i]),
            Long.toUnsignedString(want)));
      }
    }
    Optional<String> known = KnownAnswerSelfTest.run(scanner);
    return known.isPresent() ? known : dev.bitmsg.pow.ScannerSelfTest.check(scanner);
  }

  private static EngineProbe unavailable(String reason) {
    log.info("Aparapi engine unavailable: {}", reason);
    return EngineProbe.unavailable(NAME, reason);
  }
}
