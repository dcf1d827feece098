package dev.bitmsg.pow.cli;

import com.google.protobuf.ByteString;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.PowJob;
import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.SlicedPowEngine;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.service.EngineSetup;
import dev.bitmsg.pow.service.PowGrpcServer;
import dev.bitmsg.pow.service.PowServiceConfig;
import dev.bitmsg.pow.service.auth.TokensFile;
import dev.bitmsg.pow.service.scheduler.EngineSnapshot;
import dev.bitmsg.pow.service.scheduler.Job;
import dev.bitmsg.pow.service.scheduler.JobPriority;
import dev.bitmsg.pow.service.scheduler.SchedulerListener;
import dev.bitmsg.pow.service.client.PowServiceClient;
import dev.bitmsg.pow.v1.CancelRequest;
import dev.bitmsg.pow.v1.Priority;
import dev.bitmsg.pow.v1.SolveRequest;
import dev.bitmsg.pow.v1.SolveResponse;
import dev.bitmsg.pow.v1.SubmitRequest;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bm bench service}: starts a service on loopback and measures, in one run and against
 * the raw engine rate measured in the same run: per-job overhead of small jobs, aggregate
 * throughput of concurrent clients, Jain's fairness index across equal-weight clients, and how
 * soon an interactive job gets going behind a long bulk job.
 */
@Command(
    name = "service",
    mixinStandardHelpOptions = true,
    description = "Benchmark the gRPC PoW service on loopback against the raw engine rate.")
public final class BenchServiceCommand implements Callable<Integer> {
  /** Expected trials of a "small" job: a short message at the network difficulty. */
  static final double SMALL_JOB_TRIALS = 1.4e6;

  @Option(names = "--clients", defaultValue = "4", description = "concurrent clients (default ${DEFAULT-VALUE})")
  int clients;

  @Option(names = "--jobs", defaultValue = "20", description = "sequential small jobs for the overhead figure (default ${DEFAULT-VALUE})")
  int jobs;

  @Option(names = "--seconds", defaultValue = "10", description = "length of the concurrent-clients phase (default ${DEFAULT-VALUE})")
  int seconds;

  @Option(names = "--engines", split = ",", defaultValue = "cpu", description = "engines to serve with (default ${DEFAULT-VALUE})")
  List<String> engines;

  @Option(names = "--cpu-threads", defaultValue = "0", description = "CPU engine threads, 0 = all cores")
  int cpuThreads;

  @Option(names = "--json", description = "print one JSON object instead of text")
  boolean json;

  /** Mean time of a trivial call (GetInfo), for context. */
  private double roundTripMs;

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || jobs < 1 || seconds < 1) {
      System.err.println("bench service: --clients, --jobs and --seconds must be at least 1");
      return 2;
    }
    // Two sets of the same engines: one served, one driven directly as the baseline.
    EngineSetup served = EngineSetup.probe(engines, new EngineOptions(cpuThreads));
    EngineSetup direct = EngineSetup.probe(engines, new EngineOptions(cpuThreads));
    served.problems().forEach(p -> System.err.println("bench service: not using " + p));
    if (served.scanners().isEmpty() || direct.scanners().isEmpty()) {
      System.err.println("bench service: no usable engine among " + engines);
      return 1;
    }
    note("engines: %s", served.scanners().stream().map(NonceScanner::name).toList());
    rawRate(direct.scanners(), Duration.ofSeconds(4)); // JIT warm-up, not counted
    double raw = rawRate(direct.scanners(), Duration.ofSeconds(3));
    note("raw engine rate: %.3g trials/s (all engines at once, no service)", raw);

    List<String> tokenLines = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    for (int i = 0; i <= clients; i++) {
      String token = "bench-" + HexFormat.of().formatHex(random.generateSeed(16));
      tokens.add(token);
      tokenLines.add(token + " " + (i < clients ? "client-" + i : "probe"));
    }
    TokensFile tokensFile = TokensFile.parse(tokenLines, "bench tokens");
    PowServiceConfig config =
        new PowServiceConfig("127.0.0.1", 0, engines, Optional.empty(), OptionalInt.empty(),
            Optional.empty(), Optional.empty(), Duration.ofHours(1), 1e15, Duration.ofMinutes(5),
            cpuThreads);
    try (PowGrpcServer server =
            PowServiceCommand.start(config, Optional.of(tokensFile), served.scanners());
        SlicedPowEngine baseline = new SlicedPowEngine("direct", direct.scanners())) {
      if (server.awaitReady(2, TimeUnit.MINUTES) == 0) {
        System.err.println("bench service: no engine passed the self-test");
        return 1;
      }
      String target = "127.0.0.1:" + server.port();
      String probe = tokens.get(clients);
      double[] overhead = overhead(target, probe, baseline);
      double[] phase = concurrent(server, target, tokens.subList(0, clients), direct.scanners());
      double[] start = interactiveStart(server, target, probe, raw);
      Figures f =
          new Figures(overhead[0], overhead[1], roundTripMs, phase[0], phase[2], phase[1], start[0],
              start[1], raw, clients, jobs, seconds);
      print(f);
    }
    return 0;
  }

  /** Figures of one run. */
  record Figures(
      double overheadMsPerJob,
      double versusDirectMedianMs,
      double roundTripMs,
      double throughputRatio,
      double throughputVersusDirect,
      double fairnessJain,
      double interactiveStartMs,
      double interactiveCallMs,
      double rawRate,
      int clients,
      int jobs,
      int seconds) {}

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
          f.overheadMsPerJob(), f.versusDirectMedianMs(), f.roundTripMs(), f.throughputRatio(),
          f.throughputVersusDirect(), f.fairnessJain(), f.interactiveStartMs(),
          f.interactiveCallMs(), f.rawRate(), f.clients(), f.jobs(), f.seconds());
    } else {
      System.out.printf(Locale.ROOT,
          "overhead per small job   %8.2f ms   (goal <= 5; a trivial call takes %.2f ms here)%n",
          f.overheadMsPerJob(), f.roundTripMs());
      System.out.printf(Locale.ROOT, "throughput / raw rate    %8.4f      (goal >= 0.9, %d clients)%n",
          f.throughputRatio(), f.clients());
      System.out.printf(Locale.ROOT, "Jain fairness index      %8.4f      (goal >= 0.95)%n", f.fairnessJain());
      System.out.printf(Locale.ROOT, "interactive start        %8.1f ms   (goal <= 100, behind a bulk job)%n",
          f.interactiveStartMs());
    }
  }

  private void note(String format, Object... args) {
    if (!json) {
      System.out.println(String.format(Locale.ROOT, format, args));
    }
  }

  /** All scanners at once, directly, on a target no nonce meets in practice. */
  static double rawRate(List<NonceScanner> scanners, Duration d) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(scanners.size());
    try {
      List<Future<Long>> trials = new ArrayList<>();
      long start = System.nanoTime();
      long end = start + d.toNanos();
      InitialHash h = hash("raw-rate");
      for (NonceScanner s : scanners) {
        trials.add(
            pool.submit(
                () -> {
                  long n = 0;
                  long nonce = 0;
                  long pass = Math.max(1, s.trialsPerPass());
                  while (System.nanoTime() < end) {
                    n += s.scan(List.of(new ScanSlice(h, 1, nonce, pass))).get(0).trials();
                    nonce += pass;
                  }
                  return n;
                }));
      }
      long total = 0;
      for (Future<Long> f : trials) {
        total += f.get();
      }
      return total * 1e9 / (System.nanoTime() - start);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Per small job, client-side time through the service minus the engine time the service spent
   * on it ({@code engine_ms}: its share of the scan passes): everything the service adds
   * (transport, admission, scheduling, gaps between passes). As a cross-check, the median
   * difference to the same search (same hash, target and first nonce) on the engines driven
   * directly, alternated with the service runs; that one is at the mercy of other load.
   */
  private double[] overhead(String target, String token, SlicedPowEngine baseline)
      throws Exception {
    long small = targetFor(SMALL_JOB_TRIALS);
    SecureRandom random = new SecureRandom();
    try (PowServiceClient c = client(target, token)) {
      warmUp(c, small);
      long v0 = System.nanoTime();
      for (int i = 0; i < 200; i++) {
        c.blocking().getInfo(dev.bitmsg.pow.v1.GetInfoRequest.getDefaultInstance());
      }
      roundTripMs = (System.nanoTime() - v0) / 200 / 1e6;
      note("GetInfo round trip: %.2f ms", roundTripMs);
      long e0 = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        c.blocking().solve(solve(hash("tiny-" + i), targetFor(10), Priority.PRIORITY_INTERACTIVE));
      }
      note("tiny Solve round trip: %.2f ms", (System.nanoTime() - e0) / 20 / 1e6);
      double nonScan = 0;
      double serverSide = 0;
      double[] versusDirect = new double[jobs];
      long trials = 0;
      for (int i = 0; i < jobs; i++) {
        InitialHash h = hash("small-" + i);
        long start = random.nextLong();
        long t0 = System.nanoTime();
        PowSolution direct = baseline.submit(new PowJob(h, small, start)).result().get();
        double directMs = (System.nanoTime() - t0) / 1e6;
        Thread.sleep(100); // let the direct engine's pass in flight drain: no overlap
        long t1 = System.nanoTime();
        SolveResponse r =
            c.blocking()
                .solve(solve(h, small, Priority.PRIORITY_INTERACTIVE).toBuilder()
                    .setStartNonce(start).build());
        double serviceMs = (System.nanoTime() - t1) / 1e6;
        Thread.sleep(100);
        nonScan += serviceMs - r.getEngineMs();
        serverSide += r.getElapsedMs() - r.getEngineMs();
        // Baseline: the direct run's own rate applied to the trials this run needed (the two
        // runs may stop at different nonces when several threads search one slice).
        versusDirect[i] = serviceMs - r.getTrials() * directMs / Math.max(1, direct.trials());
        trials += r.getTrials();
      }
      double mean = java.util.Arrays.stream(versusDirect).average().orElse(0);
      double[] sorted = versusDirect.clone();
      java.util.Arrays.sort(sorted);
      double median = sorted[jobs / 2];
      note("%d small jobs: %.3g trials on average; through the service minus driven directly:"
          + " mean %.1f ms, median %.1f ms; time outside scan calls %.1f ms per job (%.1f ms of"
          + " it inside the server)", jobs, (double) trials / jobs, mean, median, nonScan / jobs,
          serverSide / jobs);
      return new double[] {nonScan / jobs, median};
    }
  }

  /**
   * Not counted: until the JIT has compiled the gRPC, Netty and scheduler paths (thousands of
   * calls) a trivial call takes ~3 ms instead of ~0.2 ms, which says nothing about a service that
   * has been up for a while. Trivial calls and tiny solves for a few seconds, then a few small
   * jobs.
   */
  private static void warmUp(PowServiceClient c, long small) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    for (int i = 0; System.nanoTime() < end && i < 20_000; i++) {
      c.blocking().getInfo(dev.bitmsg.pow.v1.GetInfoRequest.getDefaultInstance());
      c.blocking().solve(solve(hash("warm-up-" + i), targetFor(10), Priority.PRIORITY_INTERACTIVE));
    }
    for (int i = 0; i < 3; i++) {
      c.blocking().solve(solve(hash("warm-up-small-" + i), small, Priority.PRIORITY_INTERACTIVE));
    }
  }

  /**
   * N clients solving small jobs back to back for the set time: engine trials over the window
   * divided by the raw rate (measured just before and after the window), and Jain's index over
   * the trials each client was served in the window.
   */
  private double[] concurrent(
      PowGrpcServer server, String target, List<String> tokens, List<NonceScanner> direct)
      throws Exception {
    long small = targetFor(SMALL_JOB_TRIALS);
    double rawBefore = rawRate(direct, Duration.ofSeconds(2));
    ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
    List<PowServiceClient> conns = new ArrayList<>();
    try {
      for (String token : tokens) {
        conns.add(client(target, token));
      }
      Map<String, Long> servedBefore = server.scheduler().clientTrials();
      List<EngineSnapshot> before = server.scheduler().engines();
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < conns.size(); i++) {
        PowServiceClient c = conns.get(i);
        int id = i;
        results.add(
            pool.submit(
                () -> {
                  long done = 0;
                  for (int k = 0; System.nanoTime() < end; k++) {
                    try {
                      c.blocking()
                          .withDeadlineAfter(end - System.nanoTime(), TimeUnit.NANOSECONDS)
                          .solve(solve(hash("c" + id + "-" + k), small, Priority.PRIORITY_BULK));
                    } catch (StatusRuntimeException e) {
                      break; // the window closed during this job
                    }
                    done++;
                  }
                  return done;
                }));
      }
      Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
      List<EngineSnapshot> after = server.scheduler().engines();
      Map<String, Long> servedAfter = server.scheduler().clientTrials();
      double window = (System.nanoTime() - start) / 1e9;
      long jobsDone = 0;
      for (Future<Long> f : results) {
        jobsDone += f.get();
      }
      double rawAfter = rawRate(direct, Duration.ofSeconds(2));
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < tokens.size(); i++) {
        String name = "client-" + i;
        double x = servedAfter.getOrDefault(name, 0L) - servedBefore.getOrDefault(name, 0L);
        sum += x;
        squares += x * x;
      }
      double jain = squares == 0 ? 0 : sum * sum / (tokens.size() * squares);
      // The raw rate of the same engines in the same window: trials per second inside their
      // scan calls. External load slows both alike, so the ratio measures the service.
      long trials = 0;
      double rawInWindow = 0;
      for (int i = 0; i < after.size(); i++) {
        long dt = after.get(i).trialsTotal() - before.get(i).trialsTotal();
        long busy = after.get(i).busyNanos() - before.get(i).busyNanos();
        trials += dt;
        rawInWindow += busy > 0 ? dt * 1e9 / busy : 0;
      }
      double throughput = trials / window;
      note("%d clients for %d s: %d jobs, %.3g trials/s through the service; engines' own rate in"
              + " the window %.3g; driven directly just before %.3g and after %.3g",
          tokens.size(), seconds, jobsDone, throughput, rawInWindow, rawBefore, rawAfter);
      return new double[] {
        rawInWindow > 0 ? throughput / rawInWindow : 0, jain, throughput / ((rawBefore + rawAfter) / 2)
      };
    } finally {
      pool.shutdownNow();
      conns.forEach(PowServiceClient::close);
    }
  }

  /**
   * Behind a bulk job sized for ten minutes at the raw rate, ten interactive jobs of ~1,000
   * expected trials one after another: the worst time from admission until the scheduler handed
   * one its first slice (server-side), and the worst client-side latency of the whole call.
   */
  private double[] interactiveStart(PowGrpcServer server, String target, String token, double raw)
      throws Exception {
    List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.addListener(
        new SchedulerListener() {
          @Override
          public void jobStarted(Job job, Duration waited) {
            if (job.spec().priority() == JobPriority.INTERACTIVE) {
              waits.add(waited);
            }
          }
        });
    try (PowServiceClient c = client(target, token)) {
      String bulk =
          c.blocking()
              .submit(
                  SubmitRequest.newBuilder()
                      .setSolve(solve(hash("bulk"), targetFor(raw * 600), Priority.PRIORITY_BULK))
                      .build())
              .getJobId();
      try {
        Thread.sleep(500); // the bulk job holds the engines
        waits.clear();
        double worstCall = 0;
        for (int i = 0; i < 10; i++) {
          long t0 = System.nanoTime();
          c.blocking()
              .solve(solve(hash("interactive-" + i), targetFor(1_000), Priority.PRIORITY_INTERACTIVE));
          worstCall = Math.max(worstCall, (System.nanoTime() - t0) / 1e6);
          Thread.sleep(50);
        }
        double worstStart = waits.stream().mapToLong(Duration::toNanos).max().orElse(0) / 1e6;
        note("interactive behind bulk: worst start %.1f ms, worst whole call %.1f ms (%d jobs)",
            worstStart, worstCall, waits.size());
        return new double[] {worstStart, worstCall};
      } finally {
        c.blocking().cancel(CancelRequest.newBuilder().setJobId(bulk).build());
      }
    }
  }

  private static PowServiceClient client(String target, String token) throws IOException {
    return PowServiceClient.connect(target, Optional.of(token), Optional.empty());
  }

  private static SolveRequest solve(InitialHash h, long target, Priority p) {
    return SolveRequest.newBuilder()
        .setInitialHash(ByteString.copyFrom(h.toByteArray()))
        .setTarget(target)
        .setPriority(p)
        .build();
  }

  private static InitialHash hash(String label) {
    return InitialHash.ofObjectWithoutNonce(
        (label + "@" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
  }

  /** The target with about {@code expectedTrials} expected trials. */
  static long targetFor(double expectedTrials) {
    double t = 0x1p64 / expectedTrials - 1;
    return t >= 0x1p63 ? (long) (t - 0x1p64) : (long) t;
  }
}
