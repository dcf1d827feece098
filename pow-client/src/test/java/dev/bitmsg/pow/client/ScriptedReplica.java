package dev.bitmsg.pow.client;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.v1.JobState;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import dev.bitmsg.pow.v1.SolveEvent;
import dev.bitmsg.pow.v1.SolveProgress;
import dev.bitmsg.pow.v1.SolveRequest;
import dev.bitmsg.pow.v1.SolveResponse;
import dev.bitmsg.pow.v1.SolveStreamRequest;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A real gRPC server on a loopback address that answers {@code SolveStream} the way a test scripts
 * it (the client's own module cannot run the real service, which depends on it): a real answer
 * found by searching up from the requested start, or a progress report and then silence, or a
 * progress report and then the death of the whole server. Reports health like the service. Records
 * every call. Thread-safe.
 */
final class ScriptedReplica implements AutoCloseable {
  /** What a call does. */
  enum Act {
    ANSWER,
    REPORT_THEN_HANG,
    REPORT_THEN_DIE
  }

  /** Nonces a scripted report claims as searched. */
  static final long REPORTED_SPAN = 5000;

  /** One call as the replica saw it. Immutable. */
  record Call(String replica, long startNonce, boolean[] cancelled) {}

  private final String name;
  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private final List<Call> calls;
  private final IntFunction<Act> script;

  private ScriptedReplica(
      String host, IntFunction<Act> script, List<Call> calls, ServerCredentials creds)
      throws IOException {
    this.script = script;
    this.calls = calls;
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, 0), creds)
            .addService(new Impl())
            .addService(health.getHealthService())
            .build()
            .start();
    this.name = host + ":" + server.getPort();
    health.setStatus(ProofOfWorkGrpc.SERVICE_NAME, ServingStatus.SERVING);
  }

  /**
   * A replica on {@code host} whose n-th call (counted in {@code calls}, shared by the replicas of
   * a test) does {@code script.apply(n)}.
   */
  static ScriptedReplica start(
      String host, IntFunction<Act> script, List<Call> calls, ServerCredentials creds)
      throws IOException {
    return new ScriptedReplica(host, script, calls, creds);
  }

  static List<Call> callLog() {
    return new CopyOnWriteArrayList<>();
  }

  ServiceTarget target() {
    return ServiceTarget.parse(name);
  }

  String name() {
    return name;
  }

  void setServing(boolean serving) {
    health.setStatus(
        ProofOfWorkGrpc.SERVICE_NAME, serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Impl extends ProofOfWorkGrpc.ProofOfWorkImplBase {
    @Override
    public void solveStream(SolveStreamRequest request, StreamObserver<SolveEvent> out) {
      SolveRequest r = request.getSolve();
      boolean[] cancelled = {false};
      ServerCallStreamObserver<SolveEvent> call = (ServerCallStreamObserver<SolveEvent>) out;
      call.setOnCancelHandler(() -> cancelled[0] = true);
      calls.add(new Call(name, r.getStartNonce(), cancelled));
      Act act = script.apply(calls.size());
      long start = r.getStartNonce();
      if (act != Act.ANSWER) {
        out.onNext(
            SolveEvent.newBuilder()
                .setProgress(
                    SolveProgress.newBuilder()
                        .setState(JobState.JOB_STATE_RUNNING)
                        .setTrials(REPORTED_SPAN)
                        .setSearchedFrom(start)
                        .setNextNonce(start + REPORTED_SPAN))
                .build());
        if (act == Act.REPORT_THEN_DIE) {
          server.shutdownNow();
        }
        return; // REPORT_THEN_HANG: the call stays open and silent
      }
      InitialHash hash = InitialHash.of(r.getInitialHash().toByteArray());
      long nonce = start;
      while (!TrialValue.isSolution(nonce, hash, r.getTarget())) {
        nonce++;
      }
      out.onNext(
          SolveEvent.newBuilder()
              .setResult(
                  SolveResponse.newBuilder()
                      .setNonce(nonce)
                      .setTrialValue(TrialValue.of(nonce, hash))
                      .setEngine("scripted")
                      .setTarget(r.getTarget())
                      .setTrials(nonce - start + 1))
              .build());
      out.onCompleted();
    }
  }
}
