package dev.bitmsg.pow.opencl;

/**
 * Tuning knobs of the JOCL engine. {@code noncesPerItem} is the {@code NONCES_PER_ITEM} build
 * define (consecutive nonces per work-item); {@code workGroupSize} 0 picks one from the device;
 * {@code targetLaunchMillis} is the launch duration calibration aims for; {@code maxJobsPerLaunch}
 * bounds the job table; {@code groupsPerUnit} is how many work-groups one compute unit runs at once
 * (0: from the compiler's register report on NVIDIA, else 1), which calibrated launches are whole
 * multiples of. Defaults can be overridden with system properties {@code
 * bitmsg.opencl.noncesPerItem}, {@code .workGroupSize}, {@code .launchMillis}, {@code .maxJobs},
 * {@code .groupsPerUnit}. Immutable.
 */
public record JoclSettings(
    int noncesPerItem,
    int workGroupSize,
    int targetLaunchMillis,
    int maxJobsPerLaunch,
    int groupsPerUnit) {
  public JoclSettings {
    check(noncesPerItem >= 1 && noncesPerItem <= 4096, "noncesPerItem", noncesPerItem);
    check(workGroupSize >= 0 && workGroupSize <= 4096, "workGroupSize", workGroupSize);
    check(
        targetLaunchMillis >= 1 && targetLaunchMillis <= 1000, "launchMillis", targetLaunchMillis);
    check(maxJobsPerLaunch >= 1 && maxJobsPerLaunch <= 4096, "maxJobs", maxJobsPerLaunch);
    check(groupsPerUnit >= 0 && groupsPerUnit <= 1024, "groupsPerUnit", groupsPerUnit);
  }

  /** The settings with {@code groupsPerUnit} 0 (from the device). */
  public JoclSettings(
      int noncesPerItem, int workGroupSize, int targetLaunchMillis, int maxJobsPerLaunch) {
    this(noncesPerItem, workGroupSize, targetLaunchMillis, maxJobsPerLaunch, 0);
  }

  public static JoclSettings defaults() {
    return new JoclSettings(16, 0, 20, 256, 0);
  }

  /** These settings with another nonces per item and work-group size (for sweeps). */
  public JoclSettings withShape(int noncesPerItem, int workGroupSize) {
    return new JoclSettings(
        noncesPerItem, workGroupSize, targetLaunchMillis, maxJobsPerLaunch, groupsPerUnit);
  }

  /** Defaults overridden by any {@code bitmsg.opencl.*} system properties that are set. */
  public static JoclSettings fromSystemProperties() {
    JoclSettings d = defaults();
    return new JoclSettings(
        Integer.getInteger("bitmsg.opencl.noncesPerItem", d.noncesPerItem()),
        Integer.getInteger("bitmsg.opencl.workGroupSize", d.workGroupSize()),
        Integer.getInteger("bitmsg.opencl.launchMillis", d.targetLaunchMillis()),
        Integer.getInteger("bitmsg.opencl.maxJobs", d.maxJobsPerLaunch()),
        Integer.getInteger("bitmsg.opencl.groupsPerUnit", d.groupsPerUnit()));
  }

  private static void check(boolean ok, String what, int value) {
    if (!ok) {
      throw new IllegalArgumentException("OpenCL setting " + what + " out of range: " + value);
    }
  }
}
