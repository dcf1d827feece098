package dev.bitmsg.pow.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.service.auth.TokensFile;
import dev.bitmsg.pow.service.testing.Hashes;
import dev.bitmsg.pow.service.testing.RecordingScanner;
import dev.bitmsg.pow.service.testing.Requests;
import dev.bitmsg.pow.service.testing.TestServer;
import dev.bitmsg.pow.v1.CancelRequest;
import dev.bitmsg.pow.v1.GetInfoRequest;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import dev.bitmsg.pow.v1.SubmitRequest;
import dev.bitmsg.pow.v1.WatchRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bearer tokens and per-client limits through the in-process transport. */
class AuthServiceTest {
  private static final String ALICE = "alice-token-0123456789";
  private static final String BOB = "bob-token-0123456789abc";
  private static final String CAROL = "carol-token-0123456789ab";
  private static final String DAVE = "dave-token-0123456789abcd";
  private TestServer t;

  @BeforeEach
  void start() throws Exception {
    TokensFile tokens =
        TokensFile.parse(
            List.of(
                ALICE + " alice max-jobs=1",
                BOB + " bob max-trials-per-job=1e6",
                CAROL + " carol trials-per-hour=5000",
                DAVE + " dave # no options: the default line's",
                "default max-jobs=2"),
            "tokens");
    t =
        TestServer.inProcess(
            TestServer.config(), Optional.of(tokens), new RecordingScanner(20_000));
    t.awaitReady();
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private static void assertStatus(Status.Code code, String text, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
    assertTrue(e.getStatus().getDescription().contains(text), e.getStatus().getDescription());
  }

  private static SubmitRequest hardJob(String label) {
    return SubmitRequest.newBuilder()
        .setSolve(Requests.solve(Hashes.of(label), Hashes.HARD))
        .build();
  }

  @Test
  void missingOrWrongToken_unauthenticated() {
    GetInfoRequest r = GetInfoRequest.getDefaultInstance();
    assertStatus(Status.Code.UNAUTHENTICATED, "missing", () -> t.blocking().getInfo(r));
    assertStatus(
        Status.Code.UNAUTHENTICATED,
        "unknown token",
        () -> t.blocking("not-a-valid-token-at-all").getInfo(r));
    Metadata basic = new Metadata();
    basic.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Basic eDp5");
    assertStatus(
        Status.Code.UNAUTHENTICATED,
        "Bearer",
        () ->
            t.blocking()
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(basic))
                .getInfo(r));
    assertEquals(1, t.blocking(ALICE).getInfo(r).getEnginesCount());
  }

  @Test
  void healthNeedsNoToken() throws Exception {
    HealthGrpc.HealthBlockingStub health =
        HealthGrpc.newBlockingStub(t.channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    HealthCheckRequest server = HealthCheckRequest.getDefaultInstance();
    HealthCheckRequest pow =
        HealthCheckRequest.newBuilder().setService(ProofOfWorkGrpc.SERVICE_NAME).build();
    // Health turns SERVING just after the self-tests complete: a bounded wait, no token sent.
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (health.check(server).getStatus() != ServingStatus.SERVING && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertEquals(ServingStatus.SERVING, health.check(server).getStatus());
    assertEquals(ServingStatus.SERVING, health.check(pow).getStatus());
    // The same tokenless channel is refused by the PoW service itself.
    assertStatus(
        Status.Code.UNAUTHENTICATED,
        "missing",
        () -> t.blocking().getInfo(GetInfoRequest.getDefaultInstance()));
  }

  @Test
  void maxJobs_secondConcurrentJob_resourceExhausted_untilFirstEnds() throws Exception {
    ProofOfWorkGrpc.ProofOfWorkBlockingStub alice = t.blocking(ALICE);
    String id = alice.submit(hardJob("a1")).getJobId();
    assertStatus(
        Status.Code.RESOURCE_EXHAUSTED, "max concurrent jobs", () -> alice.submit(hardJob("a2")));
    alice.cancel(CancelRequest.newBuilder().setJobId(id).build());
    String id2 = alice.submit(hardJob("a3")).getJobId();
    alice.cancel(CancelRequest.newBuilder().setJobId(id2).build());
    t.awaitIdle();
  }

  @Test
  void defaultLine_limitsClientsThatSetNoLimit() throws Exception {
    ProofOfWorkGrpc.ProofOfWorkBlockingStub dave = t.blocking(DAVE);
    String d1 = dave.submit(hardJob("d1")).getJobId();
    String d2 = dave.submit(hardJob("d2")).getJobId();
    assertStatus(
        Status.Code.RESOURCE_EXHAUSTED,
        "max concurrent jobs reached for client dave: 2",
        () -> dave.submit(hardJob("d3")));
    dave.cancel(CancelRequest.newBuilder().setJobId(d1).build());
    dave.cancel(CancelRequest.newBuilder().setJobId(d2).build());
    t.awaitIdle();
  }

  @Test
  void maxTrialsPerJob_resourceExhausted() {
    assertStatus(
        Status.Code.RESOURCE_EXHAUSTED,
        "max expected trials per job",
        () -> t.blocking(BOB).solve(Requests.solve(Hashes.of("b"), Hashes.targetFor(1e7))));
    t.blocking(BOB).solve(Requests.solve(Hashes.of("b"), Hashes.EASY));
  }

  @Test
  void trialsPerHour_resourceExhausted() {
    ProofOfWorkGrpc.ProofOfWorkBlockingStub carol = t.blocking(CAROL);
    carol.solve(Requests.solve(Hashes.of("c1"), Hashes.EASY));
    carol.solve(Requests.solve(Hashes.of("c2"), Hashes.EASY));
    assertStatus(
        Status.Code.RESOURCE_EXHAUSTED,
        "trial budget per hour",
        () -> carol.solve(Requests.solve(Hashes.of("c3"), Hashes.EASY)));
  }

  @Test
  void jobsAreVisibleToTheirOwnerOnly() throws Exception {
    String id = t.blocking(ALICE).submit(hardJob("mine")).getJobId();
    assertStatus(
        Status.Code.NOT_FOUND,
        "no job",
        () -> t.blocking(BOB).cancel(CancelRequest.newBuilder().setJobId(id).build()));
    assertStatus(
        Status.Code.NOT_FOUND,
        "no job",
        () -> t.blocking(BOB).watch(WatchRequest.newBuilder().setJobId(id).build()).hasNext());
    t.blocking(ALICE).cancel(CancelRequest.newBuilder().setJobId(id).build());
    t.awaitIdle();
  }
}
