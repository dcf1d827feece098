package dev.bitmsg.pow.scale;

import dev.bitmsg.pow.client.ClientSettings;
import dev.bitmsg.pow.client.FailoverTiming;
import dev.bitmsg.pow.client.PowClient;
import dev.bitmsg.pow.client.ServiceTarget;
import dev.bitmsg.pow.client.Transport;
import dev.bitmsg.pow.v1.EngineInfo;
import dev.bitmsg.pow.v1.GetInfoRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./bm bench service --replicas N --via proxy|client}: starts N PoW service replicas on
 * 127.0.0.1.., in front of them HAProxy with the deployment's configuration ({@code proxy}) or
 * nothing ({@code client}: the node's client balancing with round_robin and health checks), and
 * measures in one run: aggregate throughput through that path over the same load sent to each
 * replica directly ({@link LoadPhase}), per-job overhead of the path ({@link LatencyPhase}), and
 * failover when the busiest replica is killed mid-run ({@link FailoverPhase}), and what a job costs
 * once every replica is down and the circuit is open ({@link BreakerPhase}). Drives the replicas
 * with the node's own client ({@link PowClient}: jobs as single SolveStream calls, resume on
 * failure). Used once.
 */
public final class ReplicaBench {
  /** The path under test. */
  public enum Via {
    PROXY,
    CLIENT
  }

  /**
   * What to run.
   *
   * @param replicas how many replicas (with {@code proxy}: as many as the configuration names)
   * @param via through HAProxy or client-side balancing
   * @param seconds length of each throughput window
   * @param jobs small jobs per path for the overhead figure
   * @param proxyConfig HAProxy configuration; empty: {@code deploy/haproxy/pow.cfg} of this
   *     installation
   */
  public record Options(int replicas, Via via, int seconds, int jobs, Optional<Path> proxyConfig) {}

  /** Every figure of a run. Immutable. */
  record Figures(
      LoadPhase.Result direct,
      LoadPhase.Result through,
      LatencyPhase.Result latency,
      FailoverPhase.Result failover,
      BreakerPhase.Result breaker,
      double jobTrials) {
    double throughputRatio() {
      return through.trialsPerSecond() / direct.trialsPerSecond();
    }
  }

  private static final Duration READY_LIMIT = Duration.ofMinutes(3);
  private static final Duration WARM_UP = Duration.ofSeconds(3);

  private final Options options;
  private final PrintStream notes;

  public ReplicaBench(Options options, PrintStream notes) {
    this.options = options;
    this.notes = notes;
  }

  /**
   * Runs the bench and returns its figures as one JSON object ({@code json}) or text lines.
   *
   * @throws IllegalArgumentException for options that cannot run (no proxy config, wrong count)
   * @throws IOException when a replica or the proxy does not start
   */
  public String run(boolean json) throws IOException, InterruptedException {
    int n = options.replicas();
    Optional<Path> config = Optional.empty();
    if (options.via() == Via.PROXY) {
      Path c = options.proxyConfig().orElseGet(ReplicaBench::defaultProxyConfig);
      if (!Files.isReadable(c)) {
        throw new IllegalArgumentException(
            "proxy-config: cannot read " + c + " (give --proxy-config FILE)");
      }
      if (HaproxyProcess.replicaSlots(c) != n) {
        throw new IllegalArgumentException(
            "replicas: " + c + " names " + HaproxyProcess.replicaSlots(c) + " replicas, not " + n);
      }
      config = Optional.of(c);
    }
    Path dir = Files.createTempDirectory("bench-replicas");
    String token = "bench-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    Path tokens = dir.resolve("tokens");
    Files.write(
        tokens,
        List.of(
            "default max-jobs=unlimited max-trials-per-job=unlimited trials-per-hour=unlimited",
            token + " bench"),
        StandardCharsets.UTF_8);
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / n);
    List<ReplicaProcess> replicas = new ArrayList<>();
    List<ReplicaProcess.Starting> starting = new ArrayList<>();
    HaproxyProcess proxy = null;
    PowClient via = null;
    try {
      for (int i = 0; i < n; i++) {
        starting.add(ReplicaProcess.launch(dir, "127.0.0." + (i + 1), tokens, threads));
      }
      for (ReplicaProcess.Starting s : starting) {
        replicas.add(s.awaitReady(READY_LIMIT, token));
      }
      List<ServiceTarget> targets = replicas.stream().map(ReplicaProcess::target).toList();
      note("%d replicas serving: %s (%d CPU thread(s) each)", n, targets, threads);
      if (config.isPresent()) {
        proxy = HaproxyProcess.start(config.get(), targets, dir);
        targets = List.of(proxy.target());
        note("haproxy on %s with %s", proxy.target(), config.get());
      }
      via =
          PowClient.open(
              new ClientSettings(
                  targets,
                  new Transport.Plaintext(),
                  Optional.of(token),
                  FailoverTiming.defaults()));
      Figures f = measure(replicas, via);
      return json ? json(f) : text(f);
    } finally {
      if (via != null) {
        via.close();
      }
      if (proxy != null) {
        proxy.close();
      }
      for (ReplicaProcess r : replicas) {
        r.close();
      }
      for (ReplicaProcess.Starting s : starting) {
        s.process().destroyForcibly();
      }
    }
  }

  private Figures measure(List<ReplicaProcess> replicas, PowClient via)
      throws InterruptedException {
    int n = replicas.size();
    double rate = warmUp(replicas);
    double jobTrials = Math.max(2e5, rate); // about a second of one replica's engine per job
    note("engine rate %.3g trials/s per replica; throughput jobs of %.3g trials", rate, jobTrials);
    Duration window = Duration.ofSeconds(options.seconds());
    LoadPhase load = new LoadPhase(replicas, jobTrials);
    // Direct before and after the balanced window: engines still warming up (kernel choice, JIT)
    // or load from elsewhere on the machine then bias neither side.
    LoadPhase.Result before = load.run(2 * n, i -> replicas.get(i % n).direct(), WARM_UP, window);
    LoadPhase.Result through = load.run(2 * n, i -> via, WARM_UP, window);
    LoadPhase.Result after = load.run(2 * n, i -> replicas.get(i % n).direct(), WARM_UP, window);
    LoadPhase.Result direct = LoadPhase.Result.mean(before, after);
    note(
        "direct to each replica: %.4g trials/s (%d jobs; %.4g before, %.4g after)",
        direct.trialsPerSecond(),
        direct.jobsDone(),
        before.trialsPerSecond(),
        after.trialsPerSecond());
    note(
        "through %s: %.4g trials/s (%d jobs)",
        options.via().name().toLowerCase(Locale.ROOT),
        through.trialsPerSecond(),
        through.jobsDone());
    LatencyPhase.Result latency = new LatencyPhase().run(options.jobs(), replicas, via);
    note("small job median: direct %.2f ms, through %.2f ms", latency.directMs(), latency.viaMs());
    FailoverPhase.Result failover =
        new FailoverPhase(replicas, 3 * jobTrials)
            .run(2 * n, via, WARM_UP, Duration.ofSeconds(Math.max(10, options.seconds())));
    note(
        "killed %s: %d jobs, %d moved, failover %.2f s, %d lost, %d duplicated",
        failover.killed(),
        failover.jobs(),
        failover.moved(),
        failover.failoverSeconds(),
        failover.lost(),
        failover.duplicated());
    BreakerPhase.Result breaker = new BreakerPhase().run(replicas, via);
    note(
        "every replica killed: found out in %.0f ms; circuit %s, then a job handed back in %.3f ms"
            + " (worst %.3f ms)",
        breaker.detectMs(),
        breaker.circuitOpen() ? "open" : "NOT open",
        breaker.openMeanMs(),
        breaker.openMaxMs());
    return new Figures(direct, through, latency, failover, breaker, jobTrials);
  }

  /** A few jobs on every replica (JIT, connections); returns one replica's engine rate. */
  private static double warmUp(List<ReplicaProcess> replicas) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      for (ReplicaProcess r : replicas) {
        BenchJob.of(2e5).run(r.direct());
      }
    }
    double best = 0;
    for (ReplicaProcess r : replicas) {
      double sum = 0;
      for (EngineInfo e :
          r.direct()
              .channel()
              .blocking()
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .getInfo(GetInfoRequest.getDefaultInstance())
              .getEnginesList()) {
        sum += e.getTrialsPerSecond();
      }
      best = Math.max(best, sum);
    }
    return best;
  }

  private String json(Figures f) {
    return String.format(
        Locale.ROOT,
        "{\"replicas\": %d, \"via\": \"%s\", \"seconds\": %d, \"jobs\": %d,"
            + " \"job_trials\": %.0f, \"direct_trials_per_second\": %.0f,"
            + " \"via_trials_per_second\": %.0f, \"throughput_ratio\": %.4f,"
            + " \"direct_job_ms_median\": %.2f, \"via_job_ms_median\": %.2f,"
            + " \"overhead_ms_per_job\": %.2f, \"failover_seconds\": %s, \"killed_replica\": \"%s\","
            + " \"failover_jobs\": %d, \"moved_jobs\": %d, \"lost_jobs\": %d,"
            + " \"duplicated_jobs\": %d, \"all_down_detect_ms\": %.1f,"
            + " \"breaker_open\": %s, \"breaker_open_ms_per_job\": %.3f,"
            + " \"breaker_open_ms_max\": %.3f, \"goals\": {\"throughput_ratio\": \">= 0.9\","
            + " \"overhead_ms_per_job\": \"<= 5\", \"failover_seconds\": \"<= 10\","
            + " \"lost_jobs\": \"0\", \"duplicated_jobs\": \"0\","
            + " \"breaker_open_ms_max\": \"< 100\"}}",
        options.replicas(),
        options.via().name().toLowerCase(Locale.ROOT),
        options.seconds(),
        options.jobs(),
        f.jobTrials(),
        f.direct().trialsPerSecond(),
        f.through().trialsPerSecond(),
        f.throughputRatio(),
        f.latency().directMs(),
        f.latency().viaMs(),
        f.latency().overheadMs(),
        Double.isNaN(f.failover().failoverSeconds())
            ? "null"
            : String.format(Locale.ROOT, "%.2f", f.failover().failoverSeconds()),
        f.failover().killed(),
        f.failover().jobs(),
        f.failover().moved(),
        f.failover().lost(),
        f.failover().duplicated(),
        f.breaker().detectMs(),
        f.breaker().circuitOpen(),
        f.breaker().openMeanMs(),
        f.breaker().openMaxMs());
  }

  private String text(Figures f) {
    String via = options.via().name().toLowerCase(Locale.ROOT);
    return String.format(
        Locale.ROOT,
        "throughput via %s / direct   %8.4f      (goal >= 0.9; %.4g vs %.4g trials/s)%n"
            + "overhead per job via %s    %8.2f ms   (goal <= 5; medians %.2f vs %.2f ms)%n"
            + "failover after a kill       %8.2f s    (goal <= 10; %d of %d jobs moved)%n"
            + "lost / duplicated jobs      %4d / %d     (goal 0 / 0)%n"
            + "all down, circuit open      %8.3f ms   (goal < 100 per job; worst %.3f ms,"
            + " %.0f ms to find out)",
        via,
        f.throughputRatio(),
        f.through().trialsPerSecond(),
        f.direct().trialsPerSecond(),
        via,
        f.latency().overheadMs(),
        f.latency().viaMs(),
        f.latency().directMs(),
        f.failover().failoverSeconds(),
        f.failover().moved(),
        f.failover().jobs(),
        f.failover().lost(),
        f.failover().duplicated(),
        f.breaker().openMeanMs(),
        f.breaker().openMaxMs(),
        f.breaker().detectMs());
  }

  private void note(String format, Object... args) {
    notes.println("bench service: " + String.format(Locale.ROOT, format, args));
  }

  /**
   * {@code deploy/haproxy/pow.cfg} of this installation ({@code bitmsg.home}, set by {@code ./bm}),
   * else of the working directory or a directory above it.
   */
  static Path defaultProxyConfig() {
    Path rel = Path.of("deploy", "haproxy", "pow.cfg");
    String home = System.getProperty("bitmsg.home");
    if (home != null) {
      return Path.of(home).resolve(rel);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isReadable(d.resolve(rel))) {
        return d.resolve(rel);
      }
    }
    return rel;
  }
}
