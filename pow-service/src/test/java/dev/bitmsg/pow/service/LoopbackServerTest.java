package dev.bitmsg.pow.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.service.testing.Hashes;
import dev.bitmsg.pow.service.testing.RecordingScanner;
import dev.bitmsg.pow.service.testing.Requests;
import dev.bitmsg.pow.service.testing.TestServer;
import dev.bitmsg.pow.v1.CancelRequest;
import dev.bitmsg.pow.v1.GetInfoRequest;
import dev.bitmsg.pow.v1.JobState;
import dev.bitmsg.pow.v1.JobUpdate;
import dev.bitmsg.pow.v1.NonceCheck;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import dev.bitmsg.pow.v1.SolveObjectRequest;
import dev.bitmsg.pow.v1.SolveObjectResponse;
import dev.bitmsg.pow.v1.SolveResponse;
import dev.bitmsg.pow.v1.SubmitRequest;
import dev.bitmsg.pow.v1.ValidateRequest;
import dev.bitmsg.pow.v1.WatchRequest;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every RPC, health, reflection and metrics over a real TCP port on 127.0.0.1. */
class LoopbackServerTest {
  private TestServer t;

  @BeforeEach
  void start() throws Exception {
    t = TestServer.loopback(TestServer.config(), Optional.empty(), new RecordingScanner(20_000));
    t.awaitReady();
  }

  @AfterEach
  void stop() {
    t.close();
  }

  @Test
  void everyRpc_overTcp() throws Exception {
    ProofOfWorkGrpc.ProofOfWorkBlockingStub s = t.blocking();
    InitialHash h = Hashes.of("tcp");
    SolveResponse r = s.solve(Requests.solve(h, Hashes.EASY));
    assertTrue(TrialValue.isSolution(r.getNonce(), h, Hashes.EASY));

    SolveObjectResponse o =
        s.solveObject(
            SolveObjectRequest.newBuilder()
                .setObject(ByteString.copyFrom(Requests.objectExpiringIn(600)))
                .build());
    assertTrue(
        TrialValue.isSolution(
            o.getNonce(), InitialHash.ofObject(o.getObject().toByteArray()), o.getTarget()));

    String id =
        s.submit(
                SubmitRequest.newBuilder()
                    .setSolve(Requests.solve(Hashes.of("tcp-watch"), Hashes.EASY))
                    .build())
            .getJobId();
    List<JobUpdate> updates = new ArrayList<>();
    s.watch(WatchRequest.newBuilder().setJobId(id).build()).forEachRemaining(updates::add);
    assertEquals(JobState.JOB_STATE_DONE, updates.get(updates.size() - 1).getState());
    assertEquals(
        JobState.JOB_STATE_DONE,
        s.cancel(CancelRequest.newBuilder().setJobId(id).build()).getState(),
        "cancelling a finished job reports its final state");

    assertTrue(
        s.validate(
                ValidateRequest.newBuilder()
                    .setNonce(
                        NonceCheck.newBuilder()
                            .setInitialHash(ByteString.copyFrom(h.toByteArray()))
                            .setNonce(r.getNonce())
                            .setTarget(Hashes.EASY))
                    .build())
            .getValid());
    assertTrue(s.getInfo(GetInfoRequest.getDefaultInstance()).getEngines(0).getTrialsTotal() > 0);
  }

  @Test
  void healthAndReflection_overTcp() throws Exception {
    assertEquals(
        ServingStatus.SERVING,
        HealthGrpc.newBlockingStub(t.channel)
            .check(
                HealthCheckRequest.newBuilder().setService("bitmessage.pow.v1.ProofOfWork").build())
            .getStatus());
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> req =
        ServerReflectionGrpc.newStub(t.channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse v) {
                    answer.complete(v);
                  }

                  @Override
                  public void onError(Throwable e) {
                    answer.completeExceptionally(e);
                  }

                  @Override
                  public void onCompleted() {}
                });
    req.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
    req.onCompleted();
    List<String> services =
        answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
            .map(ServiceResponse::getName)
            .collect(Collectors.toList());
    assertTrue(services.contains("bitmessage.pow.v1.ProofOfWork"), services.toString());
    assertTrue(services.contains("grpc.health.v1.Health"), services.toString());
    assertTrue(services.contains("grpc.reflection.v1alpha.ServerReflection"), services.toString());
  }

  @Test
  void clientDisconnects_workStops() throws Exception {
    InitialHash h = Hashes.of("gone");
    ManagedChannel other =
        NettyChannelBuilder.forAddress("127.0.0.1", t.server.port()).usePlaintext().build();
    ProofOfWorkGrpc.newStub(other)
        .solve(
            Requests.solve(h, Hashes.HARD),
            new StreamObserver<>() {
              @Override
              public void onNext(SolveResponse v) {}

              @Override
              public void onError(Throwable e) {}

              @Override
              public void onCompleted() {}
            });
    t.awaitRunning();
    other.shutdownNow();
    t.awaitIdle();
    int after = t.scanner.slicesFor(h);
    t.blocking().solve(Requests.solve(Hashes.of("next"), Hashes.targetFor(100_000)));
    assertTrue(t.scanner.slicesFor(h) <= after + 1, "work went on for a caller that is gone");
  }

  @Test
  void metricsEndpoint_exposesServiceMetrics() throws Exception {
    t.blocking().solve(Requests.solve(Hashes.of("metrics"), Hashes.EASY));
    Context.CancellableContext call = Context.current().withCancellation();
    call.run(
        () ->
            t.async()
                .solve(
                    Requests.solve(Hashes.of("metrics-hard"), Hashes.HARD),
                    new StreamObserver<>() {
                      @Override
                      public void onNext(SolveResponse v) {}

                      @Override
                      public void onError(Throwable e) {}

                      @Override
                      public void onCompleted() {}
                    }));
    t.awaitRunning();
    int port = t.server.metrics().serve("127.0.0.1", 0);
    String running = scrape(port);
    assertTrue(
        running.contains(
            "bitmsg_pow_queue_depth{client=\"local\",priority=\"interactive\",state=\"running\"} 1.0"),
        running);
    call.cancel(null);
    t.awaitIdle();
    String body = scrape(port);
    for (String name :
        List.of(
            "bitmsg_pow_engine_trials_per_second{engine=\"cpu-recording\"}",
            "bitmsg_pow_engine_trials_total{engine=\"cpu-recording\"}",
            "bitmsg_pow_client_trials_total{client=\"local\"}",
            "bitmsg_pow_job_wait_seconds_bucket",
            "bitmsg_pow_job_compute_seconds_bucket",
            "bitmsg_pow_jobs_total{outcome=\"done\"} 1.0",
            "bitmsg_pow_jobs_total{outcome=\"cancelled\"} 1.0",
            "bitmsg_pow_cancellations_total{reason=\"client\"} 1.0")) {
      assertTrue(body.contains(name), name + " missing from:\n" + body);
    }
  }

  private static String scrape(int port) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return r.body();
  }
}
