package dev.bitmsg.node.pow;

import dev.bitmsg.pow.CpuPowEngine;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowHandle;
import dev.bitmsg.pow.PowJob;
import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.SlicedPowEngine;
import dev.bitmsg.pow.v1.JobState;
import dev.bitmsg.pow.v1.JobUpdate;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import dev.bitmsg.pow.v1.SolveResponse;
import dev.bitmsg.pow.v1.SubmitRequest;
import dev.bitmsg.pow.v1.SubmitResponse;
import dev.bitmsg.pow.v1.WatchRequest;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small implementation of the {@code bitmessage.pow.v1.ProofOfWork} contract (Submit and Watch
 * of raw-target jobs, bearer token required) over a real CPU engine on a loopback port: the
 * counterpart the node's client is tested against, since the node may not depend on the service
 * module. Counts the jobs it solved.
 */
final class CpuPowServer implements AutoCloseable {
  private final SlicedPowEngine engine = CpuPowEngine.create(1);
  private final Map<String, PowHandle> jobs = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  final AtomicInteger solved = new AtomicInteger();
  private final Server server;

  CpuPowServer(String token) throws Exception {
    ServerInterceptor auth = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        String a = headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
        if (!("Bearer " + token).equals(a)) {
          call.close(Status.UNAUTHENTICATED.withDescription("bad token"), new Metadata());
          return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
      }
    };
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(new Service(), auth)).build().start();
  }

  int port() {
    return server.getPort();
  }

  private final class Service extends ProofOfWorkGrpc.ProofOfWorkImplBase {
    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> out) {
      var s = request.getSolve();
      String id = "job-" + ids.incrementAndGet();
      jobs.put(id, engine.submit(PowJob.randomStart(InitialHash.of(s.getInitialHash().toByteArray()), s.getTarget())));
      out.onNext(SubmitResponse.newBuilder().setJobId(id).build());
      out.onCompleted();
    }

    @Override
    public void watch(WatchRequest request, StreamObserver<JobUpdate> out) {
      PowHandle h = jobs.get(request.getJobId());
      if (h == null) {
        out.onError(Status.NOT_FOUND.asRuntimeException());
        return;
      }
      try {
        while (true) {
          try {
            PowSolution s = h.result().get(request.getIntervalMs(), TimeUnit.MILLISECONDS);
            solved.incrementAndGet();
            out.onNext(JobUpdate.newBuilder().setJobId(request.getJobId()).setState(JobState.JOB_STATE_DONE)
                .setResult(SolveResponse.newBuilder().setNonce(s.nonce()).setTrialValue(s.trialValue())
                    .setEngine("test-cpu").setTrials(s.trials())).build());
            out.onCompleted();
            return;
          } catch (TimeoutException e) {
            out.onNext(JobUpdate.newBuilder().setJobId(request.getJobId()).setState(JobState.JOB_STATE_RUNNING)
                .setTrials(h.progress().trials()).setTrialsPerSecond(h.progress().trialsPerSecond()).build());
          }
        }
      } catch (Exception e) {
        out.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    engine.close();
  }
}
