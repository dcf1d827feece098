package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.CpuKernel;
import dev.bitmsg.pow.CpuKernelChoice;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.SiFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The figures of one {@code bm bench pow} run and their two renderings: one JSON line and text.
 * Immutable.
 *
 * @param kernels single-thread trials per second of every CPU kernel measured (digest is the
 *     baseline)
 * @param firstSolve the fresh-JVM first-PoW figures, null when not measured
 * @param rules the rules the typical objects' expected work comes from
 */
record PowBenchReport(
    Map<CpuKernel, Double> kernels,
    int vectorBits,
    Optional<String> simdMissing,
    CpuKernelChoice choice,
    List<EngineResult> engines,
    FirstSolveBench.@Nullable Result firstSolve,
    PowRules rules) {

  /** One engine's figures, or why it is unavailable. */
  record EngineResult(
      String name, double rate, int threads, List<String> scanners, @Nullable String unavailable) {}

  double baseline() {
    return kernels.getOrDefault(CpuKernel.DIGEST, 0.0);
  }

  String json() {
    StringBuilder b = new StringBuilder("{");
    b.append("\"java\": ").append(JsonLine.quote(Runtime.version().toString()));
    b.append(", \"cores\": ").append(Runtime.getRuntime().availableProcessors());
    b.append(", \"baseline_trials_per_s\": ").append(JsonLine.number(baseline()));
    b.append(", \"cpu_kernels\": {");
    String sep = "";
    for (Map.Entry<CpuKernel, Double> e : kernels.entrySet()) {
      CpuKernel k = e.getKey();
      b.append(sep).append(JsonLine.quote(k.label())).append(": {\"trials_per_s\": ");
      b.append(JsonLine.number(e.getValue()));
      if (k.simd()) {
        b.append(", \"vector_bits\": ").append(vectorBits);
        b.append(", \"streams\": ").append(k.streams());
        b.append(", \"ratio_to_digest\": ").append(JsonLine.number(e.getValue() / baseline()));
      }
      b.append('}');
      sep = ", ";
    }
    simdMissing.ifPresent(
        why ->
            b.append(", \"simd\": {\"available\": false, \"reason\": ")
                .append(JsonLine.quote(why))
                .append('}'));
    b.append(", \"default\": ").append(JsonLine.quote(choice.kernel().label()));
    b.append(", \"default_source\": ")
        .append(JsonLine.quote(choice.source().name().toLowerCase(Locale.ROOT)));
    b.append(", \"default_reason\": ").append(JsonLine.quote(choice.reason())).append('}');
    b.append(", \"engines\": {");
    for (int i = 0; i < engines.size(); i++) {
      EngineResult r = engines.get(i);
      b.append(i == 0 ? "" : ", ").append(JsonLine.quote(r.name())).append(": {");
      engineJson(b, r);
      b.append('}');
    }
    b.append('}');
    if (firstSolve != null) {
      firstSolveJson(b, firstSolve);
    }
    return b.append('}').toString();
  }

  private void engineJson(StringBuilder b, EngineResult r) {
    if (r.unavailable() != null) {
      b.append("\"available\": false, \"reason\": ").append(JsonLine.quote(r.unavailable()));
      return;
    }
    b.append("\"trials_per_s\": ").append(JsonLine.number(r.rate()));
    if (r.threads() > 0) {
      b.append(", \"threads\": ")
          .append(r.threads())
          .append(", \"ratio_per_core\": ")
          .append(JsonLine.number(r.rate() / r.threads() / baseline()));
    }
    b.append(", \"ratio_to_baseline\": ").append(JsonLine.number(r.rate() / baseline()));
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

  private static void firstSolveJson(StringBuilder b, FirstSolveBench.Result f) {
    if (f.failure() != null) {
      b.append(", \"first_solve_ms\": null, \"first_solve\": {\"failed\": ")
          .append(JsonLine.quote(f.failure()))
          .append('}');
      return;
    }
    b.append(", \"first_solve_ms\": ").append(f.firstSolveMs());
    b.append(", \"first_solve\": {\"job\": ")
        .append(JsonLine.quote(firstSolveJob()))
        .append(", \"engine\": ")
        .append(JsonLine.quote(f.engine()))
        .append(", \"full_rate_ms\": ")
        .append(f.fullRateMs() == null ? "null" : f.fullRateMs().toString())
        .append(", \"full_rate_confirmed_ms\": ")
        .append(f.fullRateConfirmedMs() == null ? "null" : f.fullRateConfirmedMs().toString())
        .append(", \"kernel_switch_ms\": ")
        .append(f.kernelSwitchMs() == null ? "null" : f.kernelSwitchMs().toString())
        .append(", \"kernel_at_end\": ")
        .append(JsonLine.quote(f.kernelAtEnd()))
        .append(", \"kernel_choice\": ")
        .append(JsonLine.quote(f.choiceSource()))
        .append('}');
  }

  static String firstSolveJob() {
    return "fresh JVM, default cpu engine, target 2^44 from nonce 0 for initial hash of '"
        + FirstSolveProbe.JOB_TEXT
        + "' (first solution: nonce 1030858)";
  }

  void text(PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "Java %s, %d cores%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors());
    out.printf(
        Locale.ROOT,
        "%-34s %12s trials/s  (baseline)%n",
        "MessageDigest SHA-512, 1 thread",
        SiFormat.of(baseline()));
    simdMissing.ifPresent(
        why -> out.printf(Locale.ROOT, "%-34s unavailable: %s%n", "Vector API kernels", why));
    for (Map.Entry<CpuKernel, Double> e : kernels.entrySet()) {
      if (e.getKey().simd()) {
        out.printf(
            Locale.ROOT,
            "%-34s %12s trials/s  %.2fx baseline per core%n",
            e.getKey().label()
                + " ("
                + vectorBits
                + "-bit x"
                + e.getKey().streams()
                + "), 1 thread",
            SiFormat.of(e.getValue()),
            e.getValue() / baseline());
      }
    }
    out.printf(
        Locale.ROOT,
        "default CPU kernel: %s (%s: %s)%n",
        choice.kernel().label(),
        choice.source().name().toLowerCase(Locale.ROOT),
        choice.reason());
    for (EngineResult r : engines) {
      engineText(out, r);
    }
    if (firstSolve != null) {
      if (firstSolve.failure() != null) {
        out.printf(Locale.ROOT, "first solve: failed: %s%n", firstSolve.failure());
      } else {
        out.printf(
            Locale.ROOT,
            "first solve: %d ms from JVM start request (%s); kernel switch after %s;"
                + " 90%% of full rate from %s on (confirmed after %s)%n",
            firstSolve.firstSolveMs(),
            firstSolveJob(),
            firstSolve.kernelSwitchMs() == null ? "(none)" : firstSolve.kernelSwitchMs() + " ms",
            firstSolve.fullRateMs() == null ? "(not reached)" : firstSolve.fullRateMs() + " ms",
            firstSolve.fullRateConfirmedMs() == null
                ? "(not reached)"
                : firstSolve.fullRateConfirmedMs() + " ms");
      }
    }
    expected(out);
  }

  private void engineText(PrintWriter out, EngineResult r) {
    if (r.unavailable() != null) {
      out.printf(Locale.ROOT, "engine %-27s unavailable: %s%n", r.name(), r.unavailable());
      return;
    }
    String label = r.name() + " " + r.scanners();
    if (r.threads() > 0) {
      out.printf(
          Locale.ROOT,
          "engine %-27s %12s trials/s  %d threads, %s/s per core, %.2fx baseline per core%n",
          label,
          SiFormat.of(r.rate()),
          r.threads(),
          SiFormat.of(r.rate() / r.threads()),
          r.rate() / r.threads() / baseline());
    } else {
      out.printf(
          Locale.ROOT,
          "engine %-27s %12s trials/s  %.2fx the 1-thread baseline%n",
          label,
          SiFormat.of(r.rate()),
          r.rate() / baseline());
    }
  }

  private void expected(PrintWriter out) {
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
        BenchPowCommand.duration(typical / baseline()),
        BenchPowCommand.duration(large / baseline()));
    for (EngineResult r : engines) {
      if (r.unavailable() == null && r.rate() > 0) {
        out.printf(
            Locale.ROOT,
            "  %-32s %10s  %10s%n",
            r.name(),
            BenchPowCommand.duration(typical / r.rate()),
            BenchPowCommand.duration(large / r.rate()));
      }
    }
  }
}
