package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.SlicedPowEngine;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.scale.ReplicaBench;
import dev.bitmsg.pow.service.EngineSetup;
import dev.bitmsg.pow.service.PowGrpcServer;
import dev.bitmsg.pow.service.PowServiceConfig;
import dev.bitmsg.pow.service.auth.TokensFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bm bench service}: starts a service on loopback and measures, in one run and against the
 * raw engine rate measured in the same run: per-job overhead of small jobs, aggregate throughput of
 * concurrent clients, Jain's fairness index across equal-weight clients, and how soon an
 * interactive job gets going behind a long bulk job. Each phase is its own class ({@link
 * OverheadPhase}, {@link ConcurrentClientsPhase}, {@link InteractiveStartPhase}); this one sets up
 * the engines and the service, runs the phases and prints the figures.
 */
@Command(
    name = "service",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the gRPC PoW service on loopback against the raw engine rate;",
      "with --replicas N, several replicas through a proxy or client-side balancing."
    })
public final class BenchServiceCommand implements Callable<Integer> {
  private final PowRules rules;

  @Option(
      names = "--clients",
      defaultValue = "4",
      description = "concurrent clients (default ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--jobs",
      defaultValue = "20",
      description = "sequential small jobs for the overhead figure (default ${DEFAULT-VALUE})")
  int jobs;

  @Option(
      names = "--seconds",
      defaultValue = "10",
      description = "length of the concurrent-clients phase (default ${DEFAULT-VALUE})")
  int seconds;

  @Option(
      names = "--engines",
      split = ",",
      defaultValue = "cpu",
      description = "engines to serve with (default ${DEFAULT-VALUE})")
  List<String> engines;

  @Option(
      names = "--cpu-threads",
      defaultValue = "0",
      description = "CPU engine threads, 0 = all cores")
  int cpuThreads;

  @Option(names = "--json", description = "print one JSON object instead of text")
  boolean json;

  @Option(
      names = "--replicas",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "scale-out bench: N replicas (processes on 127.0.0.1..N) measured through --via against"
              + " the same load sent to each directly; 0 = the single-service bench (default)")
  int replicas;

  @Option(
      names = "--via",
      paramLabel = "proxy|client",
      defaultValue = "client",
      description =
          "with --replicas: HAProxy with deploy/haproxy/pow.cfg, or client-side balancing"
              + " (round_robin + health checks) (default ${DEFAULT-VALUE})")
  String via;

  @Option(
      names = "--proxy-config",
      paramLabel = "FILE",
      description = "with --via proxy: the HAProxy configuration (default deploy/haproxy/pow.cfg)")
  Path proxyConfig;

  /** {@code rules} are the served service's. */
  public BenchServiceCommand(PowRules rules) {
    this.rules = rules;
  }

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || jobs < 1 || seconds < 1 || replicas < 0) {
      System.err.println(
          "bench service: --clients, --jobs and --seconds must be at least 1, --replicas >= 0");
      return 2;
    }
    if (replicas > 0) {
      return scaleOut();
    }
    ProgressNotes notes = new ProgressNotes(json);
    // Two sets of the same engines: one served, one driven directly as the baseline.
    EngineSetup served = EngineSetup.probe(engines, new EngineOptions(cpuThreads));
    EngineSetup direct = EngineSetup.probe(engines, new EngineOptions(cpuThreads));
    served.problems().forEach(p -> System.err.println("bench service: not using " + p));
    if (served.scanners().isEmpty() || direct.scanners().isEmpty()) {
      System.err.println("bench service: no usable engine among " + engines);
      return 1;
    }
    notes.note("engines: %s", served.scanners().stream().map(NonceScanner::name).toList());
    RawEngineRate.measure(direct.scanners(), Duration.ofSeconds(4)); // JIT warm-up, not counted
    double raw = RawEngineRate.measure(direct.scanners(), Duration.ofSeconds(3));
    notes.note("raw engine rate: %.3g trials/s (all engines at once, no service)", raw);

    List<String> tokenLines = new ArrayList<>();
    // The bench measures the service, not its quotas.
    tokenLines.add(
        "default max-jobs=unlimited max-trials-per-job=unlimited trials-per-hour=unlimited");
    List<String> tokens = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    for (int i = 0; i <= clients; i++) {
      String token = "bench-" + HexFormat.of().formatHex(random.generateSeed(16));
      tokens.add(token);
      tokenLines.add(token + " " + (i < clients ? "client-" + i : "probe"));
    }
    TokensFile tokensFile = TokensFile.parse(tokenLines, "bench tokens");
    PowServiceConfig config =
        PowServiceConfig.defaults()
            .withListen("127.0.0.1", 0)
            .withEngines(engines, cpuThreads)
            .withLimits(
                new PowServiceConfig.Limits(Duration.ofHours(1), 1e15, Duration.ofMinutes(5)));
    try (PowGrpcServer server =
            PowServiceCommand.start(config, Optional.of(tokensFile), served.scanners(), rules);
        SlicedPowEngine baseline = new SlicedPowEngine("direct", direct.scanners())) {
      if (server.awaitReady(2, TimeUnit.MINUTES) == 0) {
        System.err.println("bench service: no engine passed the self-test");
        return 1;
      }
      String target = "127.0.0.1:" + server.port();
      String probe = tokens.get(clients);
      OverheadPhase.Result overhead = new OverheadPhase(jobs, notes).run(target, probe, baseline);
      ConcurrentClientsPhase.Result concurrent =
          new ConcurrentClientsPhase(seconds, notes)
              .run(server, target, tokens.subList(0, clients), direct.scanners());
      InteractiveStartPhase.Result interactive =
          new InteractiveStartPhase(notes).run(server, target, probe, raw);
      Figures f = new Figures(overhead, concurrent, interactive, raw);
      print(f);
    }
    return 0;
  }

  /** {@code --replicas N --via proxy|client}: the scale-out bench ({@link ReplicaBench}). */
  private int scaleOut() throws Exception {
    ReplicaBench.Via v;
    try {
      v = ReplicaBench.Via.valueOf(via.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.err.println("bench service: --via takes proxy or client, got '" + via + "'");
      return 2;
    }
    ReplicaBench bench =
        new ReplicaBench(
            new ReplicaBench.Options(replicas, v, seconds, jobs, Optional.ofNullable(proxyConfig)),
            json
                ? new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)
                : System.out);
    try {
      System.out.println(bench.run(json));
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("bench service: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      System.err.println("bench service: " + e.getMessage());
      return 1;
    }
  }

  /** Figures of one run: each phase's, and the raw engine rate they are measured against. */
  record Figures(
      OverheadPhase.Result overhead,
      ConcurrentClientsPhase.Result concurrent,
      InteractiveStartPhase.Result interactive,
      double rawRate) {}

  private void print(Figures f) {
    if (json) {
      System.out.printf(
          Locale.ROOT,
          "{\"overhead_ms_per_job\": %.2f, \"overhead_vs_direct_median_ms\": %.2f,"
              + " \"rpc_round_trip_ms\": %.2f, \"throughput_ratio\": %.4f,"
              + " \"throughput_vs_direct_runs\": %.4f, \"fairness_jain\": %.4f,"
              + " \"interactive_start_ms\": %.1f, \"interactive_call_ms\": %.1f,"
              + " \"raw_trials_per_second\": %.0f, \"clients\": %d, \"jobs\": %d,"
              + " \"seconds\": %d, \"goals\": {\"overhead_ms_per_job\": \"<= 5\","
              + " \"throughput_ratio\": \">= 0.9\", \"fairness_jain\": \">= 0.95\","
              + " \"interactive_start_ms\": \"<= 100\"}}%n",
          f.overhead().overheadMsPerJob(),
          f.overhead().versusDirectMedianMs(),
          f.overhead().roundTripMs(),
          f.concurrent().throughputRatio(),
          f.concurrent().throughputVersusDirect(),
          f.concurrent().fairnessJain(),
          f.interactive().worstStartMs(),
          f.interactive().worstCallMs(),
          f.rawRate(),
          clients,
          jobs,
          seconds);
    } else {
      System.out.printf(
          Locale.ROOT,
          "overhead per small job   %8.2f ms   (goal <= 5; a trivial call takes %.2f ms here)%n",
          f.overhead().overheadMsPerJob(),
          f.overhead().roundTripMs());
      System.out.printf(
          Locale.ROOT,
          "throughput / raw rate    %8.4f      (goal >= 0.9, %d clients)%n",
          f.concurrent().throughputRatio(),
          clients);
      System.out.printf(
          Locale.ROOT,
          "Jain fairness index      %8.4f      (goal >= 0.95)%n",
          f.concurrent().fairnessJain());
      System.out.printf(
          Locale.ROOT,
          "interactive start        %8.1f ms   (goal <= 100, behind a bulk job)%n",
          f.interactive().worstStartMs());
    }
  }
}
