package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.CpuKernelChoice;
import dev.bitmsg.pow.DigestScanner;
import dev.bitmsg.pow.PowEngine;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.SimdScanner;
import dev.bitmsg.pow.engines.EngineCatalog;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bm bench pow}: trials per second of the single-thread {@code MessageDigest} baseline, the
 * single-thread Vector API kernel and each selected engine, all measured in this run after warm-up,
 * with ratios to the baseline and the expected PoW time of typical objects.
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
      description = "CPU kernel: simd, digest or auto (the faster, measured at start; default)")
  String cpuKernel;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "5",
      description = "measuring time per engine after warm-up (default ${DEFAULT-VALUE})")
  double seconds;

  @Option(names = "--json", description = "print one JSON line instead of text")
  boolean json;

  /** {@code rules} give the expected work of the typical objects the figures are turned into. */
  public BenchPowCommand(PowRules rules) {
    this.rules = rules;
  }

  /** One engine's figures, or why it is unavailable. */
  private record EngineResult(
      String name, double rate, int threads, List<String> scanners, @Nullable String unavailable) {}

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (seconds <= 0 || threads < 0) {
      err.println("bm bench pow: --seconds must be > 0 and --threads >= 0");
      return 2;
    }
    List<EngineProbe> probes;
    try {
      probes = EngineSelection.probe(engine, threads, cpuKernel);
    } catch (IllegalArgumentException e) {
      err.println("bm bench pow: " + e.getMessage());
      return 2;
    }
    PowBenchmark bench = new PowBenchmark(seconds);
    Optional<String> simdMissing = SimdScanner.unavailableReason();
    progress(
        err,
        "baseline (MessageDigest, 1 thread)"
            + (simdMissing.isEmpty() ? " and the Vector API kernel (1 thread), alternating" : ""));
    double baseline;
    double simd = 0;
    int simdBits = 0;
    try (DigestScanner d = new DigestScanner()) {
      if (simdMissing.isPresent()) {
        baseline = bench.scannerRates(List.of(d), 5)[0];
      } else {
        try (SimdScanner s = SimdScanner.create()) {
          double[] rates = bench.scannerRates(List.of(d, s), 30);
          baseline = rates[0];
          simd = rates[1];
          simdBits = s.vectorBits();
        }
      }
    }
    CpuKernelChoice choice = CpuKernelChoice.get();

    List<EngineResult> results = new ArrayList<>();
    for (EngineProbe p : probes) {
      if (!p.available()) {
        results.add(new EngineResult(p.engine(), 0, 0, List.of(), EngineSelection.problems(p)));
        continue;
      }
      progress(err, "engine " + p.engine());
      List<String> names = new ArrayList<>();
      p.scanners().forEach(s -> names.add(s.name()));
      int t = p.engine().equals("cpu") ? new EngineOptions(threads).effectiveCpuThreads() : 0;
      try (PowEngine pe = EngineCatalog.engine(p)) {
        double rate = bench.engineRate(pe, 2);
        results.add(new EngineResult(p.engine(), rate, t, names, null));
      } catch (RuntimeException e) {
        results.add(new EngineResult(p.engine(), 0, t, names, "failed: " + e.getMessage()));
      }
    }
    err.flush();
    if (json) {
      out.println(json(baseline, simd, simdBits, simdMissing, choice, results));
    } else {
      text(out, baseline, simd, simdBits, simdMissing, choice, results);
    }
    return 0;
  }

  private void progress(PrintWriter err, String what) {
    if (!json) {
      err.println("bench: measuring " + what + "...");
      err.flush();
    }
  }

  private String json(
      double baseline,
      double simd,
      int simdBits,
      Optional<String> simdMissing,
      CpuKernelChoice choice,
      List<EngineResult> results) {
    StringBuilder b = new StringBuilder("{");
    b.append("\"java\": ").append(JsonLine.quote(Runtime.version().toString()));
    b.append(", \"cores\": ").append(Runtime.getRuntime().availableProcessors());
    b.append(", \"baseline_trials_per_s\": ").append(JsonLine.number(baseline));
    b.append(", \"cpu_kernels\": {\"digest\": {\"trials_per_s\": ")
        .append(JsonLine.number(baseline))
        .append("}, \"simd\": ");
    if (simdMissing.isPresent()) {
      b.append("{\"available\": false, \"reason\": ")
          .append(JsonLine.quote(simdMissing.get()))
          .append('}');
    } else {
      b.append("{\"trials_per_s\": ")
          .append(JsonLine.number(simd))
          .append(", \"vector_bits\": ")
          .append(simdBits)
          .append(", \"ratio_to_digest\": ")
          .append(JsonLine.number(simd / baseline))
          .append('}');
    }
    b.append(", \"default\": ")
        .append(JsonLine.quote(choice.kernel().label()))
        .append(", \"default_reason\": ")
        .append(JsonLine.quote(choice.reason()))
        .append('}');
    b.append(", \"engines\": {");
    for (int i = 0; i < results.size(); i++) {
      EngineResult r = results.get(i);
      b.append(i == 0 ? "" : ", ").append(JsonLine.quote(r.name())).append(": {");
      if (r.unavailable() != null) {
        b.append("\"available\": false, \"reason\": ").append(JsonLine.quote(r.unavailable()));
      } else {
        b.append("\"trials_per_s\": ").append(JsonLine.number(r.rate()));
        if (r.threads() > 0) {
          b.append(", \"threads\": ")
              .append(r.threads())
              .append(", \"ratio_per_core\": ")
              .append(JsonLine.number(r.rate() / r.threads() / baseline));
        }
        b.append(", \"ratio_to_baseline\": ").append(JsonLine.number(r.rate() / baseline));
        b.append(", \"scanners\": [");
        for (int j = 0; j < r.scanners().size(); j++) {
          b.append(j == 0 ? "" : ", ").append(JsonLine.quote(r.scanners().get(j)));
        }
        b.append("], \"expected_seconds\": {\"msg_500B_ttl_4d\": ")
            .append(JsonLine.number(PowBenchmark.typicalObjectTrials(rules) / r.rate()))
            .append(", \"object_256KiB_ttl_28d\": ")
            .append(JsonLine.number(PowBenchmark.largeObjectTrials(rules) / r.rate()))
            .append('}');
      }
      b.append('}');
    }
    return b.append("}}").toString();
  }

  private void text(
      PrintWriter out,
      double baseline,
      double simd,
      int simdBits,
      Optional<String> simdMissing,
      CpuKernelChoice choice,
      List<EngineResult> results) {
    out.printf(
        Locale.ROOT,
        "Java %s, %d cores%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors());
    out.printf(
        Locale.ROOT,
        "%-34s %12s trials/s  (baseline)%n",
        "MessageDigest SHA-512, 1 thread",
        SearchProgressBar.human(baseline));
    if (simdMissing.isPresent()) {
      out.printf(
          Locale.ROOT, "%-34s unavailable: %s%n", "Vector API kernel, 1 thread", simdMissing.get());
    } else {
      out.printf(
          Locale.ROOT,
          "%-34s %12s trials/s  %.2fx baseline per core%n",
          "Vector API " + simdBits + "-bit, 1 thread",
          SearchProgressBar.human(simd),
          simd / baseline);
    }
    out.printf(
        Locale.ROOT, "default CPU kernel: %s (%s)%n", choice.kernel().label(), choice.reason());
    for (EngineResult r : results) {
      if (r.unavailable() != null) {
        out.printf(Locale.ROOT, "engine %-27s unavailable: %s%n", r.name(), r.unavailable());
        continue;
      }
      String label = r.name() + " " + r.scanners();
      if (r.threads() > 0) {
        out.printf(
            Locale.ROOT,
            "engine %-27s %12s trials/s  %d threads, %s/s per core, %.2fx baseline per core%n",
            label,
            SearchProgressBar.human(r.rate()),
            r.threads(),
            SearchProgressBar.human(r.rate() / r.threads()),
            r.rate() / r.threads() / baseline);
      } else {
        out.printf(
            Locale.ROOT,
            "engine %-27s %12s trials/s  %.2fx the 1-thread baseline%n",
            label,
            SearchProgressBar.human(r.rate()),
            r.rate() / baseline);
      }
    }
    double typical = PowBenchmark.typicalObjectTrials(rules);
    double large = PowBenchmark.largeObjectTrials(rules);
    out.printf(
        Locale.ROOT,
        "expected PoW time: 500 B msg, TTL 4 d (%.3g trials); 256 KiB object, TTL 28 d "
            + "(%.3g trials)%n",
        typical,
        large);
    out.printf(
        Locale.ROOT,
        "  %-32s %10s  %10s%n",
        "baseline (1 thread)",
        duration(typical / baseline),
        duration(large / baseline));
    for (EngineResult r : results) {
      if (r.unavailable() == null && r.rate() > 0) {
        out.printf(
            Locale.ROOT,
            "  %-32s %10s  %10s%n",
            r.name(),
            duration(typical / r.rate()),
            duration(large / r.rate()));
      }
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
