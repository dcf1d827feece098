package dev.bitmsg.pow.opencl;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.ScanSlice;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jocl.CLException;
import org.jspecify.annotations.Nullable;

/**
 * {@code bench devices --sweep}: for every OpenCL device, trials per second of the JOCL search at
 * each pair of nonces per work-item (a build define, so one program build per value) and work-group
 * size, each point self-tested, calibrated and measured on one hopeless job; prints a table and the
 * best setting with the system properties that select it. Not thread-safe.
 */
final class DeviceSweep {
  private static final InitialHash HASH = KnownAnswers.HASH;

  /** One measured point, or why it could not be measured. */
  record Point(
      int noncesPerItem,
      int workGroupSize,
      int residentGroups,
      long launchTrials,
      double rate,
      @Nullable KernelBuildInfo info,
      @Nullable String problem) {}

  private final List<Integer> nonces;
  private final List<Integer> groups;
  private final double seconds;
  private final PrintStream out;
  private final boolean json;

  DeviceSweep(
      List<Integer> nonces, List<Integer> groups, double seconds, PrintStream out, boolean json) {
    this.nonces = List.copyOf(nonces);
    this.groups = List.copyOf(groups);
    this.seconds = seconds;
    this.out = out;
    this.json = json;
  }

  /** Sweeps every device; 1 when there is none. */
  int run() {
    List<ClDevice> devices;
    try {
      devices = ClDevice.discoverAll();
    } catch (LinkageError | CLException e) {
      out.println("no OpenCL: " + e.getMessage());
      return 1;
    }
    if (devices.isEmpty()) {
      out.println("no OpenCL device on any platform");
      return 1;
    }
    for (ClDevice device : devices) {
      sweep(device);
    }
    return 0;
  }

  private void sweep(ClDevice device) {
    JoclSettings base = JoclSettings.fromSystemProperties();
    if (!json) {
      out.printf(
          Locale.ROOT,
          "%s, %d compute units: %.1f s per point, one hopeless job per launch, %d ms launches%n",
          device,
          device.about().computeUnits(),
          seconds,
          base.targetLaunchMillis());
      out.printf(
          Locale.ROOT,
          "%6s %6s %8s %14s %16s  %s%n",
          "nonces",
          "group",
          "resident",
          "launch trials",
          "trials/s",
          "compiler report");
    }
    List<Point> points = new ArrayList<>();
    for (int npi : nonces) {
      for (int wg : groups) {
        Point p = measure(device, base.withShape(npi, wg));
        points.add(p);
        if (!json) {
          printRow(p);
        }
      }
    }
    Optional<Point> best =
        points.stream()
            .filter(p -> p.problem() == null)
            .max((a, b) -> Double.compare(a.rate(), b.rate()));
    if (json) {
      out.println(json(device, points, best));
    } else if (best.isPresent()) {
      Point b = best.get();
      out.printf(
          Locale.ROOT,
          "best on %s: noncesPerItem=%d workGroupSize=%d, %,.0f trials/s"
              + " (-Dbitmsg.opencl.noncesPerItem=%d -Dbitmsg.opencl.workGroupSize=%d)%n",
          device.label(),
          b.noncesPerItem(),
          b.workGroupSize(),
          b.rate(),
          b.noncesPerItem(),
          b.workGroupSize());
    } else {
      out.printf(Locale.ROOT, "no setting worked on %s%n", device.label());
    }
  }

  private Point measure(ClDevice device, JoclSettings settings) {
    int npi = settings.noncesPerItem();
    int wg = settings.workGroupSize();
    try (JoclScanner s = JoclScanner.open(device, settings)) {
      Optional<String> problem = DeviceAdmission.selfTest(s);
      if (problem.isPresent()) {
        return new Point(npi, wg, s.residentGroups(), 0, 0, s.buildInfo(), problem.get());
      }
      s.calibrate(settings.targetLaunchMillis());
      rate(s, Math.min(0.3, seconds / 3)); // page in, let the clocks settle
      return new Point(
          npi, wg, s.residentGroups(), s.trialsPerLaunch(), rate(s, seconds), s.buildInfo(), null);
    } catch (RuntimeException e) {
      return new Point(
          npi,
          wg,
          0,
          0,
          0,
          null,
          String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
    }
  }

  private static long next;

  private static double rate(JoclScanner s, double secs) {
    long trials = 0;
    long t0 = System.nanoTime();
    long end = t0 + (long) (secs * 1e9);
    while (System.nanoTime() < end) {
      long n = s.trialsPerPass();
      trials += s.scan(List.of(new ScanSlice(HASH, 0, next, n))).get(0).trials();
      next += n;
    }
    return trials * 1e9 / (System.nanoTime() - t0);
  }

  private void printRow(Point p) {
    if (p.problem() != null) {
      out.printf(
          Locale.ROOT,
          "%6d %6d %8s %14s %16s  %s%n",
          p.noncesPerItem(),
          p.workGroupSize(),
          "-",
          "-",
          "-",
          "unusable: " + p.problem());
      return;
    }
    out.printf(
        Locale.ROOT,
        "%6d %6d %8d %,14d %,16.0f  %s%n",
        p.noncesPerItem(),
        p.workGroupSize(),
        p.residentGroups(),
        p.launchTrials(),
        p.rate(),
        p.info() == null ? "" : p.info().summary());
  }

  private static String json(ClDevice device, List<Point> points, Optional<Point> best) {
    StringBuilder b = new StringBuilder("{\"device\": ");
    b.append(quote(device.toString()))
        .append(", \"compute_units\": ")
        .append(device.about().computeUnits());
    b.append(", \"points\": [");
    for (int i = 0; i < points.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(pointJson(points.get(i)));
    }
    b.append("], \"best\": ").append(best.map(DeviceSweep::pointJson).orElse("null"));
    return b.append('}').toString();
  }

  private static String pointJson(Point p) {
    StringBuilder b = new StringBuilder("{");
    b.append("\"nonces_per_item\": ").append(p.noncesPerItem());
    b.append(", \"work_group_size\": ").append(p.workGroupSize());
    if (p.problem() != null) {
      return b.append(", \"problem\": ").append(quote(p.problem())).append('}').toString();
    }
    b.append(", \"resident_groups\": ").append(p.residentGroups());
    b.append(", \"launch_trials\": ").append(p.launchTrials());
    b.append(", \"trials_per_s\": ").append(Math.round(p.rate()));
    KernelBuildInfo info = p.info();
    if (info != null) {
      b.append(", \"registers\": ").append(info.registers());
      b.append(", \"spill_store_bytes\": ").append(info.spillStoreBytes());
      b.append(", \"spill_load_bytes\": ").append(info.spillLoadBytes());
      b.append(", \"private_bytes\": ").append(info.privateMemBytes());
    }
    return b.append('}').toString();
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
