package dev.bitmsg.pow.opencl;

import com.sun.management.OperatingSystemMXBean;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.SuppressForbidden;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import dev.bitmsg.pow.engines.EngineProvider;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench devices}: trials per second of every scanner every engine provider offers, measured
 * with a hopeless target so no launch stops early, as one job per launch and as {@code --jobs} jobs
 * sharing each launch, with the ratio to a single-thread {@link TrialValue} loop measured in the
 * same run. Prints to stdout (a command).
 */
@Command(
    name = "devices",
    mixinStandardHelpOptions = true,
    description = "Trials per second of each PoW device scanner (OpenCL, Aparapi, ...)")
public final class DeviceBench implements Callable<Integer> {
  @Option(names = "--seconds", description = "Seconds per measurement (default ${DEFAULT-VALUE})")
  double seconds = 3;

  @Option(
      names = "--jobs",
      description = "Jobs sharing a launch in the batch run (default ${DEFAULT-VALUE})")
  int jobs = 64;

  @Option(names = "--engine", description = "Only these engine families (default: all found)")
  List<String> engines = new ArrayList<>();

  @Option(
      names = "--sweep",
      description =
          "Instead: sweep the OpenCL (JOCL) search over nonces per work-item x work-group size on"
              + " every device and print the best setting")
  boolean sweep;

  @Option(
      names = "--nonces",
      split = ",",
      paramLabel = "N",
      description = "Nonces per work-item the sweep tries (default ${DEFAULT-VALUE})")
  List<Integer> sweepNonces = new ArrayList<>(List.of(1, 2, 4, 8, 16, 32, 64));

  @Option(
      names = "--groups",
      split = ",",
      paramLabel = "N",
      description =
          "Work-group sizes the sweep tries, those above the kernel's limit are reported unusable"
              + " (default ${DEFAULT-VALUE})")
  List<Integer> sweepGroups = new ArrayList<>(List.of(32, 64, 128, 256, 512, 1024));

  @Option(
      names = "--point-seconds",
      paramLabel = "S",
      description = "Seconds the sweep measures each point (default ${DEFAULT-VALUE})")
  double pointSeconds = 1;

  @Option(names = "--json", description = "The sweep as one JSON line per device")
  boolean json;

  private static final InitialHash HASH = KnownAnswers.HASH;

  @Override
  public Integer call() {
    if (sweep) {
      if (pointSeconds <= 0
          || sweepNonces.stream().anyMatch(n -> n < 1 || n > 4096)
          || sweepGroups.stream().anyMatch(g -> g < 1 || g > 4096)) {
        System.err.println(
            "bm bench devices: --point-seconds must be > 0, --nonces and --groups 1..4096");
        return 2;
      }
      return new DeviceSweep(sweepNonces, sweepGroups, pointSeconds, System.out, json).run();
    }
    System.out.printf(
        Locale.ROOT,
        "%d cores; %.1f s per scanner and batch shape, in rounds interleaved"
            + " with every other scanner and the baseline (single-thread TrialValue.of, the CPU"
            + " reference), so all see the same machine load%n",
        Runtime.getRuntime().availableProcessors(),
        seconds);
    List<NonceScanner> scanners = new ArrayList<>();
    for (EngineProvider provider : ServiceLoader.load(EngineProvider.class)) {
      if (!engines.isEmpty() && !engines.contains(provider.name())) {
        continue;
      }
      EngineProbe probe = provider.probe(EngineOptions.defaults());
      probe
          .problems()
          .forEach(p -> System.out.printf(Locale.ROOT, "%s unavailable: %s%n", provider.name(), p));
      scanners.addAll(probe.scanners());
    }
    if (scanners.isEmpty()) {
      System.out.println("no scanner to measure");
      return 1;
    }
    for (NonceScanner s : scanners) {
      if (s instanceof JoclScanner j) {
        System.out.printf(
            Locale.ROOT,
            "%s: %d nonces per item, work-group %d, %d resident groups; compiler: %s%n",
            j.name(),
            j.noncesPerItem(),
            j.workGroupSize(),
            j.residentGroups(),
            j.buildInfo().summary());
      }
    }
    try {
      measureBaseline(0.5); // JIT warm-up
      for (int jobCount : new int[] {1, jobs}) {
        compare(scanners, jobCount);
      }
    } finally {
      scanners.forEach(NonceScanner::close);
    }
    return 0;
  }

  private void compare(List<NonceScanner> scanners, int jobCount) {
    int n = scanners.size();
    Rate[] dev = new Rate[n];
    Rate[] base = new Rate[n];
    Arrays.fill(dev, Rate.ZERO);
    Arrays.fill(base, Rate.ZERO);
    for (NonceScanner s : scanners) {
      measure(s, jobCount, 0.2); // warm-up: first launches compile and page in
    }
    int rounds = Math.max(1, (int) Math.round(seconds));
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < n; i++) {
        base[i] = base[i].plus(measureBaseline(seconds / rounds / 2));
        dev[i] = dev[i].plus(measure(scanners.get(i), jobCount, seconds / rounds));
      }
    }
    String first = scanners.get(0).name();
    for (int i = 0; i < n; i++) {
      NonceScanner s = scanners.get(i);
      System.out.printf(
          Locale.ROOT,
          "%s, %d job(s)/launch, %,d trials/pass:%n"
              + "  wall: %,.0f trials/s (baseline %,.0f, ratio %.2f; vs %s %.2f)%n"
              + "  per CPU-second: %,.0f trials (baseline %,.0f, ratio %.2f; vs %s %.2f)%n",
          s.name(),
          jobCount,
          s.trialsPerPass(),
          dev[i].perWallSecond(),
          base[i].perWallSecond(),
          dev[i].perWallSecond() / base[i].perWallSecond(),
          first,
          dev[i].perWallSecond() / dev[0].perWallSecond(),
          dev[i].perCpuSecond(),
          base[i].perCpuSecond(),
          dev[i].perCpuSecond() / base[i].perCpuSecond(),
          first,
          dev[i].perCpuSecond() / dev[0].perCpuSecond());
    }
  }

  /** Trials, wall nanoseconds and process CPU nanoseconds of one measurement. */
  private record Rate(long trials, long wallNanos, long cpuNanos) {
    static final Rate ZERO = new Rate(0, 0, 0);

    Rate plus(Rate o) {
      return new Rate(trials + o.trials, wallNanos + o.wallNanos, cpuNanos + o.cpuNanos);
    }

    double perWallSecond() {
      return trials / (wallNanos / 1e9);
    }

    double perCpuSecond() {
      return trials / (Math.max(1, cpuNanos) / 1e9);
    }
  }

  @SuppressForbidden(
      "com.sun.management is the supported JDK extension that reports process CPU time")
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean sun
        ? sun.getProcessCpuTime()
        : 0;
  }

  private static long sink;

  private static Rate measureBaseline(double secs) {
    long n = 0;
    long c0 = processCpuNanos();
    long t0 = System.nanoTime();
    long end = t0 + (long) (secs * 1e9);
    while (System.nanoTime() < end) {
      for (int i = 0; i < 256; i++) {
        sink ^= TrialValue.of(n++, HASH);
      }
    }
    return new Rate(n, System.nanoTime() - t0, processCpuNanos() - c0);
  }

  /** Scans passes of trialsPerPass trials split over {@code jobCount} slices for the duration. */
  private static Rate measure(NonceScanner scanner, int jobCount, double secs) {
    long perSlice = Math.max(1, scanner.trialsPerPass() / jobCount);
    List<ScanSlice> slices = new ArrayList<>();
    long trials = 0;
    long c0 = processCpuNanos();
    long t0 = System.nanoTime();
    long end = t0 + (long) (secs * 1e9);
    while (System.nanoTime() < end) {
      slices.clear();
      for (int j = 0; j < jobCount; j++) {
        slices.add(new ScanSlice(HASH, 0, next, perSlice));
        next += perSlice;
      }
      trials += scanner.scan(slices).stream().mapToLong(o -> o.trials()).sum();
    }
    return new Rate(trials, System.nanoTime() - t0, processCpuNanos() - c0);
  }

  private static long next;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DeviceBench()).execute(args));
  }
}
