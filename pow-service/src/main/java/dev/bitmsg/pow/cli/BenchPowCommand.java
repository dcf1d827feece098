package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.CpuKernel;
import dev.bitmsg.pow.CpuKernelChoice;
import dev.bitmsg.pow.CpuPowEngine;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.PowEngine;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.SimdScanner;
import dev.bitmsg.pow.engines.CpuEngineProvider;
import dev.bitmsg.pow.engines.EngineCatalog;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bm bench pow}: trials per second of the single-thread {@code MessageDigest} baseline,
 * every single-thread Vector API kernel variant and each selected engine, all measured in this run
 * after warm-up, with ratios to the baseline and the expected PoW time of typical objects; then
 * {@code first_solve_ms} of a fresh JVM ({@link FirstSolveBench}).
 */
@Command(
    name = "pow",
    mixinStandardHelpOptions = true,
    description = {
      "Measures PoW throughput against a single-thread MessageDigest baseline "
          + "measured in the same run."
    })
public final class BenchPowCommand implements Callable<Integer> {
  private final PowRules rules;

  @Spec CommandSpec spec;

  @Option(
      names = "--engine",
      paramLabel = "NAME",
      defaultValue = "all",
      description = "cpu, opencl, aparapi or all (default ${DEFAULT-VALUE})")
  String engine;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description = "CPU threads for the cpu engine (default: all cores)")
  int threads;

  @Option(
      names = "--cpu-kernel",
      paramLabel = "K",
      defaultValue = "auto",
      description =
          "CPU kernel: digest, simd1, simd2, simd3 (simd = simd2) or auto (measured once per"
              + " machine and cached; default)")
  String cpuKernel;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "5",
      description = "measuring time per engine after warm-up (default ${DEFAULT-VALUE})")
  double seconds;

  @Option(names = "--json", description = "print one JSON line instead of text")
  boolean json;

  @Option(
      names = "--first-solve-seconds",
      paramLabel = "S",
      defaultValue = "6",
      description =
          "how long the fresh child JVM of first_solve_ms runs after its first solve, watching"
              + " for the full rate; 0 skips the measurement (default ${DEFAULT-VALUE})")
  double firstSolveSeconds;

  /** {@code rules} give the expected work of the typical objects the figures are turned into. */
  public BenchPowCommand(PowRules rules) {
    this.rules = rules;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (seconds <= 0 || threads < 0 || firstSolveSeconds < 0) {
      err.println("bm bench pow: --seconds must be > 0, --threads and --first-solve-seconds >= 0");
      return 2;
    }
    CpuKernelChoice choice;
    List<EngineProbe> probes;
    try {
      EngineSelection.setCpuKernel(cpuKernel);
      // Settle the kernel choice (measured and cached on the first run on this machine) and its
      // warm-up before anything is timed, so they do not compete with the measurements.
      progress(err, "the CPU kernel choice");
      choice = CpuKernelChoice.get();
      CpuPowEngine.awaitWarmUp(Duration.ofMinutes(2));
      probes = EngineSelection.probe(engine, threads, cpuKernel);
    } catch (IllegalArgumentException e) {
      err.println("bm bench pow: " + e.getMessage());
      return 2;
    }
    PowBenchmark bench = new PowBenchmark(seconds);
    Optional<String> simdMissing = SimdScanner.unavailableReason();
    progress(err, "every CPU kernel on 1 thread, MessageDigest the baseline, alternating");
    Map<CpuKernel, Double> kernels = new EnumMap<>(CpuKernel.class);
    List<CpuKernel> measured = new ArrayList<>();
    List<NonceScanner> scanners = new ArrayList<>();
    try {
      for (CpuKernel k : CpuKernel.values()) {
        if (k.unavailableReason().isEmpty()) {
          measured.add(k);
          scanners.add(k.newScanner());
        }
      }
      double[] rates = bench.scannerRates(scanners, 30);
      for (int i = 0; i < rates.length; i++) {
        kernels.put(measured.get(i), rates[i]);
      }
    } finally {
      scanners.forEach(NonceScanner::close);
    }

    List<PowBenchReport.EngineResult> results = new ArrayList<>();
    double cpuRate = 0;
    for (EngineProbe p : probes) {
      if (!p.available()) {
        results.add(
            new PowBenchReport.EngineResult(
                p.engine(), 0, 0, List.of(), EngineSelection.problems(p)));
        continue;
      }
      progress(err, "engine " + p.engine());
      List<String> names = new ArrayList<>();
      p.scanners().forEach(s -> names.add(s.name()));
      boolean cpu = p.engine().equals(CpuEngineProvider.NAME);
      int t = cpu ? new EngineOptions(threads).effectiveCpuThreads() : 0;
      try (PowEngine pe = EngineCatalog.engine(p)) {
        double rate = bench.engineRate(pe, 2);
        results.add(new PowBenchReport.EngineResult(p.engine(), rate, t, names, null));
        cpuRate = cpu ? rate : cpuRate;
      } catch (RuntimeException e) {
        results.add(
            new PowBenchReport.EngineResult(p.engine(), 0, t, names, "failed: " + e.getMessage()));
      }
    }
    FirstSolveBench.Result first = null;
    if (cpuRate > 0 && firstSolveSeconds > 0) {
      progress(err, "first_solve_ms in a fresh JVM");
      first = FirstSolveBench.run(threads, firstSolveSeconds, cpuRate);
    }
    PowBenchReport report =
        new PowBenchReport(
            kernels, SimdScanner.preferredVectorBits(), simdMissing, choice, results, first, rules);
    err.flush();
    if (json) {
      out.println(report.json());
    } else {
      report.text(out);
    }
    return 0;
  }

  private void progress(PrintWriter err, String what) {
    if (!json) {
      err.println("bench: measuring " + what + "...");
      err.flush();
    }
  }

  static String duration(double s) {
    if (s < 120) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    if (s < 7200) {
      return String.format(Locale.ROOT, "%.1f min", s / 60);
    }
    return String.format(Locale.ROOT, "%.1f h", s / 3600);
  }
}
