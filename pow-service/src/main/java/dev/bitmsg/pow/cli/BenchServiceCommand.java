package dev.bitmsg.pow.cli;

import com.google.protobuf.ByteString;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.service.EngineSetup;
import dev.bitmsg.pow.service.PowGrpcServer;
import dev.bitmsg.pow.service.PowServiceConfig;
import dev.bitmsg.pow.service.client.PowServiceClient;
import dev.bitmsg.pow.v1.CancelRequest;
import dev.bitmsg.pow.v1.GetInfoRequest;
import dev.bitmsg.pow.v1.GetInfoResponse;
import dev.bitmsg.pow.v1.Priority;
import dev.bitmsg.pow.v1.SolveRequest;
import dev.bitmsg.pow.v1.SolveResponse;
import dev.bitmsg.pow.v1.SubmitRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || jobs < 1 || seconds < 1) {
      System.err.println("bench service: --clients, --jobs and --seconds must be at least 1");
      return 2;
    }
    EngineSetup setup = EngineSetup.probe(engines, new EngineOptions(cpuThreads));
    setup.problems().forEach(p -> System.err.println("bench service: not using " + p));
    if (setup.scanners().isEmpty()) {
      System.err.println("bench service: no usable engine among " + engines);
      return 1;
    }
    note("engines: %s", setup.scanners().stream().map(NonceScanner::name).toList());
    double raw = rawRate(setup.scanners(), Duration.ofSeconds(3));
    note("raw engine rate: %.3g trials/s (all engines at once, no service)", raw);

    PowServiceConfig config =
        PowServiceConfig.defaults().withListen("127.0.0.1", 0).withMaxJobTime(Duration.ofHours(1));
    config =
        new PowServiceConfig(config.host(), 0, engines, Optional.empty(), OptionalInt.empty(),
            Optional.empty(), Optional.empty(), Duration.ofHours(1), 1e15, Duration.ofMinutes(5),
            cpuThreads);
    try (PowGrpcServer server = PowServiceCommand.start(config, Optional.empty(), setup.scanners())) {
      if (server.awaitReady(2, TimeUnit.MINUTES) == 0) {
        System.err.println("bench service: no engine passed the self-test");
        return 1;
      }
      String target = "127.0.0.1:" + server.port();
      double overheadMs = overhead(target, raw);
      double[] phase = concurrent(target, raw);
      double startMs = interactiveStart(target, raw);
      Figures f = new Figures(overheadMs, phase[0], phase[1], startMs, raw, clients, jobs, seconds);
      print(f);
    }
    return 0;
  }

  /** Figures of one run. */
  record Figures(
      double overheadMsPerJob,
      double throughputRatio,
      double fairnessJain,
      double interactiveStartMs,
      double rawRate,
      int clients,
      int jobs,
      int seconds) {}

  private void print(Figures f) {
    if (json) {
      System.out.printf(
          Locale.ROOT,
          "{\"overhead_ms_per_job\": %.3f, \"throughput_ratio\": %.4f, \"fairness_jain\": %.4f,"
              + " \"interactive_start_ms\": %.1f, \"raw_trials_per_second\": %.0f, \"clients\": %d,"
              + " \"jobs\": %d, \"seconds\": %d, \"goals\": {\"overhead_ms_per_job\": \"<= 5\","
              + " \"throughput_ratio\": \">= 0.9\", \"fairness_jain\": \">= 0.95\","
              + " \"interactive_start_ms\": \"<= 100\"}}%n",
          f.overheadMsPerJob(), f.throughputRatio(), f.fairnessJain(), f.interactiveStartMs(),
          f.rawRate(), f.clients(), f.jobs(), f.seconds());
    } else {
      System.out.printf(Locale.ROOT, "overhead per small job   %8.3f ms   (goal <= 5)%n", f.overheadMsPerJob());
      System.out.printf(Locale.ROOT, "throughput / raw rate    %8.4f      (goal >= 0.9, %d clients)%n", f.throughputRatio(), f.clients());
      System.out.printf(Locale.ROOT, "Jain fairness index      %8.4f      (goal >= 0.95)%n", f.fairnessJain());
      System.out.printf(Locale.ROOT, "interactive start        %8.1f ms   (goal <= 100, behind a bulk job)%n", f.interactiveStartMs());
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

  /** Mean client-side time per small job minus the time its trials take at the raw rate. */
  private double overhead(String target, double raw) throws Exception {
    long small = targetFor(SMALL_JOB_TRIALS);
    try (PowServiceClient c = PowServiceClient.local(target)) {
      c.blocking().solve(solve(hash("warm-up"), small, Priority.PRIORITY_INTERACTIVE));
      double excess = 0;
      long trials = 0;
      for (int i = 0; i < jobs; i++) {
        long t0 = System.nanoTime();
        SolveResponse r = c.blocking().solve(solve(hash("small-" + i), small, Priority.PRIORITY_INTERACTIVE));
        double ms = (System.nanoTime() - t0) / 1e6;
        excess += ms - r.getTrials() / raw * 1e3;
        trials += r.getTrials();
      }
      note("%d small jobs: %.3g trials on average", jobs, (double) trials / jobs);
      return excess / jobs;
    }
  }

  /**
   * N clients solving small jobs back to back for the set time: engine trials over the window
   * divided by the raw rate, and Jain's index over the trials of each client's finished jobs.
   */
  private double[] concurrent(String target, double raw) throws Exception {
    long small = targetFor(SMALL_JOB_TRIALS);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<PowServiceClient> conns = new ArrayList<>();
    try (PowServiceClient info = PowServiceClient.local(target)) {
      for (int i = 0; i < clients; i++) {
        conns.add(PowServiceClient.local(target));
      }
      long before = engineTrials(info.blocking().getInfo(GetInfoRequest.getDefaultInstance()));
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      List<Future<long[]>> results = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        PowServiceClient c = conns.get(i);
        int id = i;
        results.add(
            pool.submit(
                () -> {
                  long trials = 0;
                  long done = 0;
                  for (int k = 0; System.nanoTime() < end; k++) {
                    SolveResponse r =
                        c.blocking()
                            .withDeadlineAfter(end - System.nanoTime(), TimeUnit.NANOSECONDS)
                            .solve(solve(hash("c" + id + "-" + k), small, Priority.PRIORITY_BULK));
                    trials += r.getTrials();
                    done++;
                  }
                  return new long[] {trials, done};
                }));
      }
      Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
      long after = engineTrials(info.blocking().getInfo(GetInfoRequest.getDefaultInstance()));
      double window = (System.nanoTime() - start) / 1e9;
      double sum = 0;
      double squares = 0;
      long jobsDone = 0;
      for (Future<long[]> f : results) {
        long[] r;
        try {
          r = f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          r = new long[] {0, 0}; // a deadline at the very end; counts as nothing
        }
        sum += r[0];
        squares += (double) r[0] * r[0];
        jobsDone += r[1];
      }
      double jain = squares == 0 ? 0 : sum * sum / (clients * squares);
      note("%d clients for %d s: %d jobs, %.3g engine trials/s", clients, seconds, jobsDone,
          (after - before) / window);
      return new double[] {(after - before) / window / raw, jain};
    } finally {
      pool.shutdownNow();
      conns.forEach(PowServiceClient::close);
    }
  }

  /**
   * Behind a bulk job sized for ten minutes at the raw rate, the worst of ten client-side
   * latencies of an interactive job of ~1,000 expected trials: an upper bound on its start delay.
   */
  private double interactiveStart(String target, double raw) throws Exception {
    try (PowServiceClient c = PowServiceClient.local(target)) {
      String bulk =
          c.blocking()
              .submit(
                  SubmitRequest.newBuilder()
                      .setSolve(solve(hash("bulk"), targetFor(raw * 600), Priority.PRIORITY_BULK))
                      .build())
              .getJobId();
      try {
        Thread.sleep(300); // let the bulk job take the engines
        double worst = 0;
        for (int i = 0; i < 10; i++) {
          long t0 = System.nanoTime();
          c.blocking()
              .solve(solve(hash("interactive-" + i), targetFor(1_000), Priority.PRIORITY_INTERACTIVE));
          worst = Math.max(worst, (System.nanoTime() - t0) / 1e6);
          Thread.sleep(50);
        }
        return worst;
      } finally {
        c.blocking().cancel(CancelRequest.newBuilder().setJobId(bulk).build());
      }
    }
  }

  private static long engineTrials(GetInfoResponse info) {
    return info.getEnginesList().stream().mapToLong(e -> e.getTrialsTotal()).sum();
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
