package dev.bitmsg.pow.aparapi;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import dev.bitmsg.pow.engines.EngineProvider;
import dev.bitmsg.pow.opencl.DeviceAdmission;
import dev.bitmsg.pow.opencl.JoclSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code aparapi} engine family: one {@link AparapiScanner} per OpenCL device Aparapi sees,
 * admitted by the same {@link DeviceAdmission} as the JOCL engine. Aparapi's Java-thread-pool
 * fallback is never offered as this engine: without OpenCL the probe is unavailable. Stateless;
 * thread-safe.
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
    List<DeviceAdmission.Candidate> candidates = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (OpenCLDevice device : devices) {
      String name = device.getName().strip();
      int ordinal = seen.merge(name, 1, Integer::sum);
      String label = ordinal == 1 ? name : name + "#" + ordinal;
      candidates.add(
          new DeviceAdmission.Candidate(label, () -> AparapiScanner.open(device, label, settings)));
    }
    return DeviceAdmission.admit(NAME, "Aparapi device", candidates, settings);
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

  private static EngineProbe unavailable(String reason) {
    log.info("engine unavailable engine={} reason={}", NAME, reason);
    return EngineProbe.unavailable(NAME, reason);
  }
}
