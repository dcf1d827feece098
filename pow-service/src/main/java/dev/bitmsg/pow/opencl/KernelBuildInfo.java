package dev.bitmsg.pow.opencl;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the OpenCL compiler says about the search kernel: registers and spill traffic per work-item
 * (NVIDIA reports them in its build log with {@code -cl-nv-verbose}; -1 where the driver does not
 * tell), private and local memory per work-item/group ({@code clGetKernelWorkGroupInfo}, every
 * driver), and the build log itself. Immutable.
 */
public record KernelBuildInfo(
    int registers,
    long spillStoreBytes,
    long spillLoadBytes,
    long stackFrameBytes,
    long privateMemBytes,
    long localMemBytes,
    String buildLog) {

  private static final Pattern ENTRY = Pattern.compile("Compiling entry function '([^']+)'");
  private static final Pattern REGISTERS = Pattern.compile("Used (\\d+) registers");
  private static final Pattern SPILLS =
      Pattern.compile(
          "(\\d+) bytes stack frame, (\\d+) bytes spill stores, (\\d+) bytes spill loads");

  /**
   * The figures of {@code kernel} in an NVIDIA {@code -cl-nv-verbose} build log (ptxas lines after
   * "Compiling entry function 'kernel'"); -1 for what the log does not say.
   */
  static KernelBuildInfo fromLog(
      String kernel, String log, long privateMemBytes, long localMemBytes) {
    int registers = -1;
    long stores = -1;
    long loads = -1;
    long stack = -1;
    boolean inKernel = false;
    for (String line : log.split("\n", -1)) {
      Matcher entry = ENTRY.matcher(line);
      if (entry.find()) {
        inKernel = entry.group(1).equals(kernel);
        continue;
      }
      if (!inKernel) {
        continue;
      }
      Matcher r = REGISTERS.matcher(line);
      if (r.find()) {
        registers = Integer.parseInt(r.group(1));
      }
      Matcher s = SPILLS.matcher(line);
      if (s.find()) {
        stack = Long.parseLong(s.group(1));
        stores = Long.parseLong(s.group(2));
        loads = Long.parseLong(s.group(3));
      }
    }
    return new KernelBuildInfo(
        registers, stores, loads, stack, privateMemBytes, localMemBytes, log.strip());
  }

  /** One line for logs and benchmarks, e.g. {@code registers=168 spillStores=0 ...}. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "registers=%s spillStores=%s spillLoads=%s stackFrame=%s privateBytes=%d localBytes=%d",
        known(registers),
        known(spillStoreBytes),
        known(spillLoadBytes),
        known(stackFrameBytes),
        privateMemBytes,
        localMemBytes);
  }

  private static String known(long v) {
    return v < 0 ? "unknown" : Long.toString(v);
  }

  /**
   * Work-groups of {@code workGroupSize} one NVIDIA streaming multiprocessor holds at once with
   * this register use (64 Ki registers allocated per warp in units of 256, at most 2048 threads and
   * 32 groups: Volta to Hopper), or 1 when the registers are unknown.
   */
  int nvidiaGroupsPerUnit(int workGroupSize) {
    if (registers <= 0) {
      return 1;
    }
    int warpRegisters = (registers * 32 + 255) / 256 * 256;
    int warps = 65536 / warpRegisters;
    int warpsPerGroup = (workGroupSize + 31) / 32;
    int byRegisters = warps / warpsPerGroup;
    int byThreads = 2048 / workGroupSize;
    return Math.max(1, Math.min(32, Math.min(byRegisters, byThreads)));
  }
}
