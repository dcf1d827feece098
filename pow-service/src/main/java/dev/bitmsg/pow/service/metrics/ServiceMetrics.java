package dev.bitmsg.pow.service.metrics;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.bitmsg.pow.service.scheduler.EngineSnapshot;
import dev.bitmsg.pow.service.scheduler.Job;
import dev.bitmsg.pow.service.scheduler.JobPriority;
import dev.bitmsg.pow.service.scheduler.JobState;
import dev.bitmsg.pow.service.scheduler.QueueSnapshot;
import dev.bitmsg.pow.service.scheduler.SchedulerListener;
import dev.bitmsg.settings.BuildInfo;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The service's Prometheus metrics in a registry of its own (so several servers can live in one
 * JVM): per-engine rate and trials, trials per client, queue depth per client and priority, wait
 * and compute time histograms per priority, job outcomes, cancellations, and verification failures.
 * Optionally served on {@code /metrics} by {@link #serve}. Thread-safe.
 */
public final class ServiceMetrics implements SchedulerListener, AutoCloseable {
  private static final double[] SECONDS_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Histogram waitSeconds;
  private final Histogram computeSeconds;
  private final Counter jobs;
  private final Counter cancellations;
  private final Counter verificationFailures;
  private final Counter trials;

  @GuardedBy("this")
  private @Nullable HTTPServer http;

  public ServiceMetrics(
      Supplier<List<EngineSnapshot>> engines,
      Supplier<List<QueueSnapshot>> queues,
      Supplier<Map<String, Long>> clientTrials) {
    waitSeconds =
        Histogram.builder()
            .name("bitmsg_pow_job_wait_seconds")
            .help("Time from admission to the first slice handed to an engine")
            .unit(Unit.SECONDS)
            .labelNames("priority")
            .classicOnly()
            .classicUpperBounds(SECONDS_BUCKETS)
            .register(registry);
    computeSeconds =
        Histogram.builder()
            .name("bitmsg_pow_job_compute_seconds")
            .help("Time from a job's first slice to its end")
            .unit(Unit.SECONDS)
            .labelNames("priority", "outcome")
            .classicOnly()
            .classicUpperBounds(SECONDS_BUCKETS)
            .register(registry);
    jobs =
        Counter.builder()
            .name("bitmsg_pow_jobs")
            .help("Jobs ended, by outcome (done, cancelled, expired, failed)")
            .labelNames("outcome")
            .register(registry);
    cancellations =
        Counter.builder()
            .name("bitmsg_pow_cancellations")
            .help("Jobs stopped before an answer: cancelled by the client or past their deadline")
            .labelNames("reason")
            .register(registry);
    verificationFailures =
        Counter.builder()
            .name("bitmsg_pow_verification_failures")
            .help("Nonces reported by an engine that failed CPU verification")
            .labelNames("engine")
            .register(registry);
    trials =
        Counter.builder()
            .name("bitmsg_pow_engine_trials")
            .help("Nonces scanned by each engine")
            .labelNames("engine")
            .register(registry);
    GaugeWithCallback.builder()
        .name("bitmsg_pow_engine_trials_per_second")
        .help("Measured rate of each engine (recent passes)")
        .labelNames("engine")
        .callback(
            cb -> {
              for (EngineSnapshot e : engines.get()) {
                cb.call(e.trialsPerSecond(), e.name());
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("bitmsg_pow_client_trials")
        .help("Nonces scanned for each client's searches")
        .labelNames("client")
        .callback(cb -> clientTrials.get().forEach((client, n) -> cb.call(n, client)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("bitmsg_pow_queue_jobs")
        .help(
            "Unfinished jobs per priority and state (queued or running), all clients; every"
                + " priority is present, 0 when idle")
        .labelNames("priority", "state")
        .callback(
            cb -> {
              Map<JobPriority, int[]> byPriority = new EnumMap<>(JobPriority.class);
              for (JobPriority p : JobPriority.values()) {
                byPriority.put(p, new int[2]);
              }
              for (QueueSnapshot q : queues.get()) {
                int[] n = byPriority.computeIfAbsent(q.priority(), p -> new int[2]);
                n[0] += q.queued();
                n[1] += q.running();
              }
              byPriority.forEach(
                  (p, n) -> {
                    String name = p.name().toLowerCase(Locale.ROOT);
                    cb.call(n[0], name, "queued");
                    cb.call(n[1], name, "running");
                  });
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("bitmsg_pow_queue_depth")
        .help("Unfinished jobs per client, priority and state (queued or running)")
        .labelNames("client", "priority", "state")
        .callback(
            cb -> {
              for (QueueSnapshot q : queues.get()) {
                String p = q.priority().name().toLowerCase(Locale.ROOT);
                cb.call(q.queued(), q.client(), p, "queued");
                cb.call(q.running(), q.client(), p, "running");
              }
            })
        .register(registry);
  }

  /**
   * Adds the JVM's metrics (memory, GC, threads, ...) and {@code bitmsg_build_info} to the
   * registry; once per registry, for a service process (tests with many servers in one JVM skip
   * it).
   */
  public ServiceMetrics withProcessMetrics() {
    JvmMetrics.builder().register(registry);
    BuildInfo b = BuildInfo.current();
    Info info =
        Info.builder()
            .name("bitmsg_build_info")
            .help("Version, git commit and Java runtime of this program")
            .labelNames("program", "version", "commit", "jdk")
            .register(registry);
    info.addLabelValues("pow-service", b.version(), b.commit(), b.jdk());
    return this;
  }

  /** Serves {@code /metrics} on {@code host:port} (port 0: any free port). */
  public synchronized int serve(String host, int port) throws IOException {
    http = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
    return http.getPort();
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  @Override
  public void jobStarted(Job job, Duration waited) {
    waitSeconds.labelValues(priority(job)).observe(seconds(waited));
  }

  @Override
  public void jobEnded(Job job, JobState state, Duration computed) {
    String outcome = state.name().toLowerCase(Locale.ROOT);
    jobs.labelValues(outcome).inc();
    if (!computed.isZero()) {
      computeSeconds.labelValues(priority(job), outcome).observe(seconds(computed));
    }
    if (state == JobState.CANCELLED || state == JobState.EXPIRED) {
      cancellations.labelValues(state == JobState.CANCELLED ? "client" : "deadline").inc();
    }
  }

  @Override
  public void passCompleted(String engine, long n, long nanos) {
    trials.labelValues(engine).inc(n);
  }

  @Override
  public void verificationFailed(String engine) {
    verificationFailures.labelValues(engine).inc();
  }

  private static String priority(Job job) {
    return job.spec().priority().name().toLowerCase(Locale.ROOT);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  @Override
  public synchronized void close() {
    if (http != null) {
      http.close();
      http = null;
    }
  }
}
