package dev.bitmsg.pow.service;

import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.service.auth.AuthInterceptor;
import dev.bitmsg.pow.service.auth.ClientIdentity;
import dev.bitmsg.pow.service.auth.QuotaLedger;
import dev.bitmsg.pow.service.scheduler.ClientShare;
import dev.bitmsg.pow.service.scheduler.EngineSnapshot;
import dev.bitmsg.pow.service.scheduler.Job;
import dev.bitmsg.pow.service.scheduler.JobEndedException;
import dev.bitmsg.pow.service.scheduler.JobPriority;
import dev.bitmsg.pow.service.scheduler.JobProgress;
import dev.bitmsg.pow.service.scheduler.JobSpec;
import dev.bitmsg.pow.service.scheduler.JobState;
import dev.bitmsg.pow.service.scheduler.QueueSnapshot;
import dev.bitmsg.pow.service.scheduler.Scheduler;
import dev.bitmsg.pow.v1.CancelRequest;
import dev.bitmsg.pow.v1.CancelResponse;
import dev.bitmsg.pow.v1.EngineInfo;
import dev.bitmsg.pow.v1.GetInfoRequest;
import dev.bitmsg.pow.v1.GetInfoResponse;
import dev.bitmsg.pow.v1.JobUpdate;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import dev.bitmsg.pow.v1.QueueDepth;
import dev.bitmsg.pow.v1.SolveObjectRequest;
import dev.bitmsg.pow.v1.SolveObjectResponse;
import dev.bitmsg.pow.v1.SolveRequest;
import dev.bitmsg.pow.v1.SolveResponse;
import dev.bitmsg.pow.v1.SubmitRequest;
import dev.bitmsg.pow.v1.SubmitResponse;
import dev.bitmsg.pow.v1.ValidateRequest;
import dev.bitmsg.pow.v1.ValidateResponse;
import dev.bitmsg.pow.v1.WatchRequest;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC face of the scheduler, a thin translator: validate and map the request (
 * {@link RequestMapper}), check the caller's quota, hand the job to the {@link Scheduler}, tie the
 * job to the call's cancellation and deadline, and map results and failures back ({@link
 * StatusMapper}). No method throws: every failure ends the call with an explicit status.
 * Thread-safe.
 */
public final class ProofOfWorkService extends ProofOfWorkGrpc.ProofOfWorkImplBase {
  private static final Logger log = LoggerFactory.getLogger(ProofOfWorkService.class);
  private static final Duration RETENTION = Duration.ofMinutes(10);

  private final Scheduler scheduler;
  private final RequestMapper mapper;
  private final QuotaLedger quotas;
  private final PowServiceConfig config;
  private final ScheduledExecutorService timer;
  private final JobRegistry registry;
  private final String version;

  public ProofOfWorkService(
      Scheduler scheduler,
      RequestMapper mapper,
      QuotaLedger quotas,
      PowServiceConfig config,
      ScheduledExecutorService timer,
      String version) {
    this.scheduler = scheduler;
    this.mapper = mapper;
    this.quotas = quotas;
    this.config = config;
    this.timer = timer;
    this.registry = new JobRegistry(timer, config.detachedGrace(), RETENTION);
    this.version = version;
  }

  @Override
  public void solve(SolveRequest request, StreamObserver<SolveResponse> out) {
    try {
      SearchRequest search = mapper.solve(request);
      Job job = admit(search, callTimeout());
      answerWhenDone(job, out, sol -> solveResponse(sol, search.target(), job));
    } catch (RuntimeException e) {
      fail(out, e);
    }
  }

  @Override
  public void solveObject(SolveObjectRequest request, StreamObserver<SolveObjectResponse> out) {
    try {
      ObjectRequest object = mapper.solveObject(request);
      Job job = admit(object.search(), callTimeout());
      answerWhenDone(job, out, sol -> objectResponse(sol, object, job));
    } catch (RuntimeException e) {
      fail(out, e);
    }
  }

  @Override
  public void submit(SubmitRequest request, StreamObserver<SubmitResponse> out) {
    try {
      SearchRequest search;
      Optional<ObjectRequest> object = Optional.empty();
      switch (request.getJobCase()) {
        case SOLVE -> search = mapper.solve(request.getSolve());
        case OBJECT -> {
          ObjectRequest o = mapper.solveObject(request.getObject());
          object = Optional.of(o);
          search = o.search();
        }
        default -> throw new InvalidRequestException("one of solve or object is required");
      }
      Duration timeout = config.maxJobTime();
      if (request.getTimeoutMs() != 0) {
        if (request.getTimeoutMs() < 0 || request.getTimeoutMs() > timeout.toMillis()) {
          throw new InvalidRequestException(
              "timeout_ms must be at most " + timeout.toMillis() + " (the server's maximum)");
        }
        timeout = Duration.ofMillis(request.getTimeoutMs());
      }
      Job job = admit(search, timeout);
      registry.add(
          new JobRegistry.Tracked(AuthInterceptor.current().name(), job, search, object));
      out.onNext(SubmitResponse.newBuilder().setJobId(job.id()).build());
      out.onCompleted();
    } catch (RuntimeException e) {
      fail(out, e);
    }
  }

  @Override
  public void watch(WatchRequest request, StreamObserver<JobUpdate> out) {
    try {
      JobRegistry.Tracked t = registry.get(AuthInterceptor.current().name(), request.getJobId());
      long interval = request.getIntervalMs() == 0 ? 500 : Math.max(50, request.getIntervalMs());
      new Watcher(t, (ServerCallStreamObserver<JobUpdate>) out).start(interval);
    } catch (RuntimeException e) {
      fail(out, e);
    }
  }

  @Override
  public void cancel(CancelRequest request, StreamObserver<CancelResponse> out) {
    try {
      JobRegistry.Tracked t = registry.get(AuthInterceptor.current().name(), request.getJobId());
      t.job.cancel("cancelled by the client");
      out.onNext(CancelResponse.newBuilder().setState(toProto(t.job.state())).build());
      out.onCompleted();
    } catch (RuntimeException e) {
      fail(out, e);
    }
  }

  @Override
  public void validate(ValidateRequest request, StreamObserver<ValidateResponse> out) {
    try {
      ValidateResponse r =
          switch (request.getSubjectCase()) {
            case NONCE -> mapper.validate(request.getNonce());
            case OBJECT -> mapper.validate(request.getObject());
            case SUBJECT_NOT_SET -> throw new InvalidRequestException(
                "one of nonce or object is required");
          };
      out.onNext(r);
      out.onCompleted();
    } catch (RuntimeException e) {
      fail(out, e);
    }
  }

  @Override
  public void getInfo(GetInfoRequest request, StreamObserver<GetInfoResponse> out) {
    try {
      GetInfoResponse.Builder b = GetInfoResponse.newBuilder().setVersion(version);
      double total = 0;
      for (EngineSnapshot e : scheduler.engines()) {
        b.addEngines(
            EngineInfo.newBuilder()
                .setName(e.name())
                .setTrialsPerSecond(e.trialsPerSecond())
                .setTrialsPerPass(e.trialsPerPass())
                .setHealthy(e.healthy())
                .setTrialsTotal(e.trialsTotal()));
        if (e.healthy()) {
          total += e.trialsPerSecond();
        }
      }
      Map<JobPriority, int[]> depth = new EnumMap<>(JobPriority.class);
      for (JobPriority p : JobPriority.values()) {
        depth.put(p, new int[2]);
      }
      for (QueueSnapshot q : scheduler.queues()) {
        int[] d = depth.computeIfAbsent(q.priority(), k -> new int[2]);
        d[0] += q.queued();
        d[1] += q.running();
      }
      depth.forEach(
          (p, c) ->
              b.addQueues(
                  QueueDepth.newBuilder()
                      .setPriority(RequestMapper.toProto(p))
                      .setQueued(c[0])
                      .setRunning(c[1])));
      out.onNext(b.setTotalTrialsPerSecond(total).build());
      out.onCompleted();
    } catch (RuntimeException e) {
      fail(out, e);
    }
  }

  /** Checks quotas and queues the job; the quota slot is freed when the job ends. */
  private Job admit(SearchRequest search, Duration timeout) {
    ClientIdentity client = AuthInterceptor.current();
    QuotaLedger.Admission slot = quotas.admit(client, search.expectedTrials());
    Job job;
    try {
      job =
          scheduler.submit(
              new JobSpec(
                  search.initialHash(),
                  search.target(),
                  search.priority(),
                  new ClientShare(client.name(), client.weight()),
                  timeout,
                  search.startNonce()));
    } catch (RuntimeException e) {
      slot.close();
      throw e;
    }
    job.result().whenComplete((s, e) -> slot.close());
    log.info(
        "job={} client={} event=admitted priority={} target={} expectedTrials={}",
        job.id(),
        client.name(),
        search.priority(),
        Long.toUnsignedString(search.target()),
        (long) search.expectedTrials());
    return job;
  }

  /** The call's deadline, capped by the server's maximum job time. */
  private Duration callTimeout() {
    Deadline d = Context.current().getDeadline();
    Duration max = config.maxJobTime();
    if (d == null) {
      return max;
    }
    long left = d.timeRemaining(TimeUnit.NANOSECONDS);
    return left <= 0 ? Duration.ofNanos(1) : Duration.ofNanos(Math.min(left, max.toNanos()));
  }

  /** Answers a unary call when its job ends; stops the job when the call goes away first. */
  private <R> void answerWhenDone(Job job, StreamObserver<R> out, Function<PowSolution, R> map) {
    Context ctx = Context.current();
    ctx.addListener(
        c -> {
          // A finished call also cancels its context, with no cause; the job is done by then.
          Throwable cause = c.cancellationCause();
          if (cause != null && Status.fromThrowable(cause).getCode() == Status.Code.DEADLINE_EXCEEDED) {
            job.expire("the call's deadline passed");
          } else {
            job.cancel("the caller went away");
          }
        },
        Runnable::run);
    job.result()
        .whenComplete(
            (sol, err) -> {
              if (ctx.isCancelled()) {
                return;
              }
              if (err != null) {
                fail(out, err);
                return;
              }
              try {
                out.onNext(map.apply(sol));
                out.onCompleted();
              } catch (RuntimeException e) {
                log.debug("job={} event=answer-not-delivered", job.id(), e);
              }
            });
  }

  private static void fail(StreamObserver<?> out, Throwable e) {
    Status s = StatusMapper.toStatus(e);
    if (s.getCode() == Status.Code.INTERNAL) {
      log.warn("event=internal-error", e);
    }
    try {
      out.onError(s.asRuntimeException());
    } catch (RuntimeException alreadyClosed) {
      log.debug("event=error-not-delivered status={}", s, alreadyClosed);
    }
  }

  static SolveResponse solveResponse(PowSolution s, long target, Job job) {
    return SolveResponse.newBuilder()
        .setNonce(s.nonce())
        .setTrialValue(s.trialValue())
        .setEngine(s.engine())
        .setTarget(target)
        .setTrials(s.trials())
        .setElapsedMs(s.elapsed().toMillis())
        .setEngineMs(job.engineTime().toNanos() / 1e6)
        .build();
  }

  static SolveObjectResponse objectResponse(PowSolution s, ObjectRequest o, Job job) {
    return SolveObjectResponse.newBuilder()
        .setNonce(s.nonce())
        .setTrialValue(s.trialValue())
        .setEngine(s.engine())
        .setTarget(o.search().target())
        .setObject(o.withNonce(s.nonce()))
        .setTrials(s.trials())
        .setElapsedMs(s.elapsed().toMillis())
        .setEngineMs(job.engineTime().toNanos() / 1e6)
        .build();
  }

  static dev.bitmsg.pow.v1.JobState toProto(JobState s) {
    return switch (s) {
      case QUEUED -> dev.bitmsg.pow.v1.JobState.JOB_STATE_QUEUED;
      case RUNNING -> dev.bitmsg.pow.v1.JobState.JOB_STATE_RUNNING;
      case DONE -> dev.bitmsg.pow.v1.JobState.JOB_STATE_DONE;
      case CANCELLED -> dev.bitmsg.pow.v1.JobState.JOB_STATE_CANCELLED;
      case EXPIRED -> dev.bitmsg.pow.v1.JobState.JOB_STATE_EXPIRED;
      case FAILED -> dev.bitmsg.pow.v1.JobState.JOB_STATE_FAILED;
    };
  }

  /**
   * One Watch stream: a progress message every interval and a final one when the job ends.
   * Thread-safe: sends are serialized on {@code this}.
   */
  private final class Watcher {
    private final JobRegistry.Tracked tracked;
    private final ServerCallStreamObserver<JobUpdate> out;
    private @Nullable ScheduledFuture<?> ticks;
    private boolean closed;

    Watcher(JobRegistry.Tracked tracked, ServerCallStreamObserver<JobUpdate> out) {
      this.tracked = tracked;
      this.out = out;
    }

    void start(long intervalMs) {
      tracked.attach();
      out.setOnCancelHandler(this::stop);
      synchronized (this) {
        ticks =
            timer.scheduleWithFixedDelay(
                this::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
      }
      send(update(false));
      tracked.job.result().whenComplete((s, e) -> finish());
    }

    private void tick() {
      send(update(false));
    }

    private void finish() {
      JobUpdate last = update(true);
      synchronized (this) {
        if (closed) {
          return;
        }
        out.onNext(last);
        out.onCompleted();
      }
      stop();
    }

    private synchronized void send(JobUpdate u) {
      if (closed || out.isCancelled()) {
        return;
      }
      if (u.getState() != dev.bitmsg.pow.v1.JobState.JOB_STATE_QUEUED
          && u.getState() != dev.bitmsg.pow.v1.JobState.JOB_STATE_RUNNING) {
        return; // the final message comes from finish()
      }
      out.onNext(u);
    }

    private void stop() {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
        if (ticks != null) {
          ticks.cancel(false);
        }
      }
      tracked.detach();
    }

    private JobUpdate update(boolean last) {
      Job job = tracked.job;
      JobProgress p = job.progress();
      JobUpdate.Builder b =
          JobUpdate.newBuilder()
              .setJobId(job.id())
              .setState(toProto(p.state()))
              .setTrials(p.trials())
              .setTrialsPerSecond(p.trialsPerSecond())
              .setExpectedTrials(p.expectedTrials())
              .setEtaMs((long) (p.etaSeconds() * 1000))
              .setQueuePosition(p.queuePosition());
      if (last && job.result().isDone()) {
        PowSolution sol = job.result().exceptionally(e -> null).join();
        if (sol != null) {
          b.setResult(solveResponse(sol, tracked.search.target(), job));
          tracked.object.ifPresent(o -> b.setObjectResult(objectResponse(sol, o, job)));
        } else {
          job.result()
              .whenComplete(
                  (s, e) -> {
                    Throwable cause = e;
                    while (cause != null && !(cause instanceof JobEndedException)) {
                      cause = cause.getCause();
                    }
                    b.setError(cause != null ? String.valueOf(cause.getMessage()) : String.valueOf(e));
                  });
        }
      }
      return b.build();
    }
  }
}
