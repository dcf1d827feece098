package dev.bitmsg.pow.service;

import static dev.bitmsg.pow.service.Replies.answerWhenDone;
import static dev.bitmsg.pow.service.Replies.fail;
import static dev.bitmsg.pow.service.ResponseMapper.objectResponse;
import static dev.bitmsg.pow.service.ResponseMapper.solveResponse;
import static dev.bitmsg.pow.service.ResponseMapper.stateOf;

import dev.bitmsg.pow.service.auth.AuthInterceptor;
import dev.bitmsg.pow.service.auth.QuotaLedger;
import dev.bitmsg.pow.service.scheduler.Job;
import dev.bitmsg.pow.service.scheduler.Scheduler;
import dev.bitmsg.pow.v1.CancelRequest;
import dev.bitmsg.pow.v1.CancelResponse;
import dev.bitmsg.pow.v1.GetInfoRequest;
import dev.bitmsg.pow.v1.GetInfoResponse;
import dev.bitmsg.pow.v1.JobUpdate;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import dev.bitmsg.pow.v1.SolveEvent;
import dev.bitmsg.pow.v1.SolveObjectRequest;
import dev.bitmsg.pow.v1.SolveObjectResponse;
import dev.bitmsg.pow.v1.SolveRequest;
import dev.bitmsg.pow.v1.SolveResponse;
import dev.bitmsg.pow.v1.SolveStreamRequest;
import dev.bitmsg.pow.v1.SubmitRequest;
import dev.bitmsg.pow.v1.SubmitResponse;
import dev.bitmsg.pow.v1.ValidateRequest;
import dev.bitmsg.pow.v1.ValidateResponse;
import dev.bitmsg.pow.v1.WatchRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The gRPC face of the scheduler, a thin translator: validate and map the request ( {@link
 * RequestMapper}), check the caller's quota and hand the job to the {@link Scheduler} ({@link
 * JobAdmission}), tie the job to the call's cancellation and deadline, and map results and failures
 * back ({@link Replies}, {@link ResponseMapper}, {@link StatusMapper}). SolveStream calls are
 * {@link SolveStreamCall}s, Watch streams {@link JobWatcher}s. No method throws: every failure ends
 * the call with an explicit status. Thread-safe.
 */
public final class ProofOfWorkService extends ProofOfWorkGrpc.ProofOfWorkImplBase {
  private final Scheduler scheduler;
  private final RequestMapper mapper;
  private final JobAdmission admission;
  private final ScheduledExecutorService timer;
  private final JobRegistry registry;
  private final String version;

  public ProofOfWorkService(
      Scheduler scheduler,
      RequestMapper mapper,
      QuotaLedger quotas,
      PowServiceConfig.Limits limits,
      ScheduledExecutorService timer,
      String version) {
    this.scheduler = scheduler;
    this.mapper = mapper;
    this.admission = new JobAdmission(scheduler, quotas, limits);
    this.timer = timer;
    this.registry = new JobRegistry(timer, limits.detachedGrace(), limits.retention());
    this.version = version;
  }

  /** Stops the periodic sweep of finished and orphaned jobs. */
  void close() {
    registry.close();
  }

  @Override
  public void solve(SolveRequest request, StreamObserver<SolveResponse> out) {
    try {
      SearchRequest search = mapper.solve(request);
      Job job = admission.admit(search, admission.callTimeout());
      answerWhenDone(job, out, sol -> solveResponse(sol, search.target(), job));
    } catch (RuntimeException e) {
      fail(out, e);
    }
  }

  @Override
  public void solveObject(SolveObjectRequest request, StreamObserver<SolveObjectResponse> out) {
    try {
      ObjectRequest object = mapper.solveObject(request);
      Job job = admission.admit(object.search(), admission.callTimeout());
      answerWhenDone(job, out, sol -> objectResponse(sol, object, job));
    } catch (RuntimeException e) {
      fail(out, e);
    }
  }

  @Override
  public void solveStream(SolveStreamRequest request, StreamObserver<SolveEvent> out) {
    try {
      ServerCallStreamObserver<SolveEvent> call = (ServerCallStreamObserver<SolveEvent>) out;
      long interval = request.getProgressIntervalMs();
      switch (request.getJobCase()) {
        case SOLVE -> {
          SearchRequest search = mapper.solve(request.getSolve());
          Job job = admission.admit(search, admission.callTimeout());
          SolveStreamCall.start(
              job,
              call,
              timer,
              interval,
              sol ->
                  SolveEvent.newBuilder()
                      .setResult(solveResponse(sol, search.target(), job))
                      .build());
        }
        case OBJECT -> {
          ObjectRequest object = mapper.solveObject(request.getObject());
          Job job = admission.admit(object.search(), admission.callTimeout());
          SolveStreamCall.start(
              job,
              call,
              timer,
              interval,
              sol ->
                  SolveEvent.newBuilder()
                      .setObjectResult(objectResponse(sol, object, job))
                      .build());
        }
        case JOB_NOT_SET -> throw new InvalidRequestException("one of solve or object is required");
      }
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
      Duration timeout = admission.submitTimeout(request.getTimeoutMs());
      Job job = admission.admit(search, timeout);
      registry.add(new JobRegistry.Tracked(AuthInterceptor.current().name(), job, search, object));
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
      new JobWatcher(t, (ServerCallStreamObserver<JobUpdate>) out, timer).start(interval);
    } catch (RuntimeException e) {
      fail(out, e);
    }
  }

  @Override
  public void cancel(CancelRequest request, StreamObserver<CancelResponse> out) {
    try {
      JobRegistry.Tracked t = registry.get(AuthInterceptor.current().name(), request.getJobId());
      t.job.cancel("cancelled by the client");
      out.onNext(CancelResponse.newBuilder().setState(stateOf(t.job.progress())).build());
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
            case SUBJECT_NOT_SET ->
                throw new InvalidRequestException("one of nonce or object is required");
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
      out.onNext(ServiceInfo.describe(scheduler, version));
      out.onCompleted();
    } catch (RuntimeException e) {
      fail(out, e);
    }
  }
}
