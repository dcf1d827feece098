package dev.bitmsg.pow.opencl;

import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_DRIVER_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenCL device on one platform, with what the engine needs to know about it. {@code label} is
 * unique within one discovery ({@code name}, plus {@code #n} when several devices share a name).
 * Immutable (the ids are opaque driver handles).
 */
public record ClDevice(
    cl_platform_id platform, cl_device_id device, String label, Description about) {
  /**
   * What the driver says about a device. Immutable.
   *
   * @param platformName the platform's name, e.g. "Portable Computing Language"
   * @param version the device's OpenCL version string
   * @param driver the driver version
   * @param gpu whether the device is a GPU
   * @param computeUnits its compute units
   */
  public record Description(
      String platformName, String version, String driver, boolean gpu, int computeUnits) {}

  /** The name of the device's platform. */
  public String platformName() {
    return about.platformName();
  }

  private static final Logger log = LoggerFactory.getLogger(ClDevice.class);

  /**
   * Every device of every platform. Throws {@link CLException} when the runtime answers with an
   * error (e.g. no platform), and {@link LinkageError} when the native library cannot load.
   */
  public static List<ClDevice> discoverAll() {
    CL.setExceptionsEnabled(true);
    int[] count = new int[1];
    clGetPlatformIDs(0, null, count);
    cl_platform_id[] platforms = new cl_platform_id[count[0]];
    if (count[0] > 0) {
      clGetPlatformIDs(count[0], platforms, null);
    }
    List<ClDevice> found = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (cl_platform_id platform : platforms) {
      try {
        addDevices(platform, found, seen);
      } catch (CLException e) {
        // One broken platform (or one without devices) must not hide the others.
        log.warn("opencl platform skipped reason={}", e.getMessage());
      }
    }
    return found;
  }

  private static void addDevices(
      cl_platform_id platform, List<ClDevice> found, Map<String, Integer> seen) {
    String platformName = platformString(platform, CL_PLATFORM_NAME);
    int[] n = new int[1];
    clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, n);
    cl_device_id[] devices = new cl_device_id[n[0]];
    clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, n[0], devices, null);
    for (cl_device_id device : devices) {
      String name = deviceString(device, CL_DEVICE_NAME);
      int ordinal = seen.merge(name, 1, Integer::sum);
      String label = ordinal == 1 ? name : name + "#" + ordinal;
      long[] type = new long[1];
      clGetDeviceInfo(device, CL_DEVICE_TYPE, Sizeof.cl_ulong, Pointer.to(type), null);
      int[] units = new int[1];
      clGetDeviceInfo(device, CL_DEVICE_MAX_COMPUTE_UNITS, Sizeof.cl_uint, Pointer.to(units), null);
      found.add(
          new ClDevice(
              platform,
              device,
              label,
              new Description(
                  platformName,
                  deviceString(device, CL_DEVICE_VERSION),
                  deviceString(device, CL_DRIVER_VERSION),
                  (type[0] & CL_DEVICE_TYPE_GPU) != 0,
                  units[0])));
    }
  }

  static String deviceString(cl_device_id device, int param) {
    long[] size = new long[1];
    clGetDeviceInfo(device, param, 0, null, size);
    byte[] buf = new byte[(int) size[0]];
    clGetDeviceInfo(device, param, buf.length, Pointer.to(buf), null);
    return cString(buf);
  }

  private static String platformString(cl_platform_id platform, int param) {
    long[] size = new long[1];
    clGetPlatformInfo(platform, param, 0, null, size);
    byte[] buf = new byte[(int) size[0]];
    clGetPlatformInfo(platform, param, buf.length, Pointer.to(buf), null);
    return cString(buf);
  }

  private static String cString(byte[] buf) {
    int len = 0;
    while (len < buf.length && buf[len] != 0) {
      len++;
    }
    return new String(buf, 0, len, StandardCharsets.UTF_8).strip();
  }

  @Override
  public String toString() {
    return label
        + " ("
        + about.platformName()
        + ", "
        + about.version()
        + ", driver "
        + about.driver()
        + ")";
  }
}
