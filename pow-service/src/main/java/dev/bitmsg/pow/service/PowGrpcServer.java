package dev.bitmsg.pow.service;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.service.auth.AuthInterceptor;
import dev.bitmsg.pow.service.auth.QuotaLedger;
import dev.bitmsg.pow.service.auth.TokensFile;
import dev.bitmsg.pow.service.metrics.ServiceMetrics;
import dev.bitmsg.pow.service.scheduler.Scheduler;
import dev.bitmsg.pow.service.scheduler.SchedulerListener;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one running PoW service: the gRPC {@link Server} (built from the given builder, so tests
 * pass an in-process one), the {@link Scheduler} with one worker per scanner, health, reflection,
 * auth and metrics. It is the service's composition root: the one place that builds these parts, in
 * dependency order (scheduler, then the metrics that read it and listen to it, then the gRPC
 * service over both), and hands them the {@link PowRules} it was given. Health is NOT_SERVING until
 * every engine ran its self-test and at least one passed; SERVING afterwards while any engine is
 * healthy. Thread-safe lifecycle: {@link #start} once, then {@link #close}.
 */
public final class PowGrpcServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PowGrpcServer.class);

  /** Version reported by GetInfo. */
  public static final String VERSION = "0.1.0";

  private final Server server;
  private final Scheduler scheduler;
  private final HealthStatusManager health = new HealthStatusManager();
  private final ServiceMetrics metrics;
  private final ExecutorService handlers;
  private final ScheduledExecutorService timer;
  private final ProofOfWorkService service;
  private volatile @Nullable ScheduledFuture<?> healthWatch; // set by start()

  /**
   * @param builder a server builder with its transport settings (address, TLS) already applied
   * @param config the service's settings (its limits apply here)
   * @param tokens bearer tokens; empty: every caller is the anonymous local client
   * @param scanners the self-test candidates; the server closes them
   * @param rules the PoW rules requests with object length and TTL are computed and checked by
   */
  public PowGrpcServer(
      ServerBuilder<?> builder,
      PowServiceConfig config,
      Optional<TokensFile> tokens,
      List<? extends NonceScanner> scanners,
      PowRules rules) {
    // The manager starts SERVING: say otherwise until the engines prove themselves.
    health.setStatus("", ServingStatus.NOT_SERVING);
    health.setStatus(ProofOfWorkGrpc.SERVICE_NAME, ServingStatus.NOT_SERVING);
    this.scheduler = new Scheduler(scanners);
    this.metrics =
        new ServiceMetrics(scheduler::engines, scheduler::queues, scheduler::clientTrials);
    scheduler.addListener(metrics);
    this.handlers = boundedPool("pow-grpc", 8);
    this.timer = new ScheduledThreadPoolExecutor(1, daemon("pow-timer"));
    PowServiceConfig.Limits limits = config.limits();
    this.service =
        new ProofOfWorkService(
            scheduler,
            new RequestMapper(Clock.systemUTC(), rules, limits.maxExpectedTrials()),
            new QuotaLedger(),
            limits,
            timer,
            VERSION);
    this.server =
        builder
            .directExecutor()
            .callExecutor(new HandlerThreads(handlers))
            .maxInboundMessageSize(2 << 20)
            .addService(ServerInterceptors.intercept(service, new AuthInterceptor(tokens)))
            .addService(health.getHealthService())
            .addService(ProtoReflectionServiceV1.newInstance())
            .addService(legacyReflection())
            .build();
  }

  /**
   * Where calls run: cheap, non-blocking handlers (Solve, GetInfo, Cancel, Watch, health,
   * reflection) run on the transport thread that read the request, which saves a thread hop on the
   * way to the scheduler (about half of an idle loopback round trip, and far more when other
   * processes keep the cores busy); calls that may hash a whole object (up to the 2 MiB message
   * limit: SolveObject, Submit, SolveStream, Validate) go to the bounded handler pool so they never
   * hold up the transport.
   */
  private record HandlerThreads(Executor pool) implements ServerCallExecutorSupplier {
    private static final Set<String> HEAVY =
        Set.of(
            ProofOfWorkGrpc.getSolveObjectMethod().getFullMethodName(),
            ProofOfWorkGrpc.getSubmitMethod().getFullMethodName(),
            ProofOfWorkGrpc.getSolveStreamMethod().getFullMethodName(),
            ProofOfWorkGrpc.getValidateMethod().getFullMethodName());

    @Override
    public <Q, R> @Nullable Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
      return HEAVY.contains(call.getMethodDescriptor().getFullMethodName()) ? pool : null;
    }
  }

  /** Reflection v1alpha too, for tools (older grpcurl, grpc_cli) that only speak that one. */
  @SuppressWarnings("deprecation")
  private static BindableService legacyReflection() {
    return ProtoReflectionService.newInstance();
  }

  /** Starts serving, then runs the engine self-tests in the background. */
  public PowGrpcServer start() throws IOException {
    server.start();
    scheduler.start();
    scheduler
        .ready()
        .thenAccept(
            passed -> {
              if (passed > 0) {
                health.setStatus("", ServingStatus.SERVING);
                health.setStatus(ProofOfWorkGrpc.SERVICE_NAME, ServingStatus.SERVING);
                log.info("service serving engines={}", passed);
              } else {
                log.error("service not serving reason={}", "every engine failed its self-test");
              }
            })
        .exceptionally(
            e -> {
              log.error("engine self-tests failed", e);
              return null;
            });
    healthWatch = timer.scheduleWithFixedDelay(this::watchHealth, 1, 1, TimeUnit.SECONDS);
    return this;
  }

  private void watchHealth() {
    try {
      if (scheduler.ready().isDone() && scheduler.healthyWorkers() == 0) {
        health.setStatus("", ServingStatus.NOT_SERVING);
        health.setStatus(ProofOfWorkGrpc.SERVICE_NAME, ServingStatus.NOT_SERVING);
      }
    } catch (RuntimeException e) {
      // A scheduled task that throws is silently descheduled; log it and keep watching.
      log.warn("health watch failed", e);
    }
  }

  /** Waits for the self-tests; returns how many engines passed. */
  public int awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
    try {
      return scheduler.ready().get(timeout, unit);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("engines not ready after " + timeout + " " + unit, e);
    }
  }

  /** Also tells {@code listener} about scheduler events (benchmarks, diagnostics). */
  public void addListener(SchedulerListener listener) {
    scheduler.addListener(listener);
  }

  public int port() {
    return server.getPort();
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  public ServiceMetrics metrics() {
    return metrics;
  }

  public HealthStatusManager health() {
    return health;
  }

  /** Blocks until the server terminates. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Health to terminal NOT_SERVING, stop accepting calls, fail open jobs, stop engines. */
  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdown();
    scheduler.close();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    ScheduledFuture<?> watch = healthWatch;
    if (watch != null) {
      watch.cancel(false);
    }
    service.close();
    timer.shutdownNow();
    handlers.shutdownNow();
    metrics.close();
  }

  private static ExecutorService boundedPool(String name, int threads) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(10_000),
            daemon(name));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
