package dev.bitmsg.pow.opencl;

import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import dev.bitmsg.pow.engines.EngineProvider;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code opencl} engine family: one {@link JoclScanner} per device of every OpenCL platform,
 * each admitted by {@link DeviceAdmission} (self-test, then launch-size calibration). A missing
 * runtime, no platform or no device makes the probe unavailable with the reason; it never throws.
 * Stateless; thread-safe.
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
    List<DeviceAdmission.Candidate> candidates = new ArrayList<>();
    for (ClDevice device : devices) {
      candidates.add(
          new DeviceAdmission.Candidate(
              device.toString(), () -> JoclScanner.open(device, settings)));
    }
    return DeviceAdmission.admit(NAME, "OpenCL device", candidates, settings);
  }

  private static EngineProbe unavailable(String reason) {
    log.info("engine unavailable engine={} reason={}", NAME, reason);
    return EngineProbe.unavailable(NAME, reason);
  }
}
