package dev.bitmsg.pow.service;

import static dev.bitmsg.pow.service.testing.Requests.objectExpiringIn;
import static dev.bitmsg.pow.service.testing.Requests.solve;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.service.testing.Hashes;
import dev.bitmsg.pow.service.testing.RecordingScanner;
import dev.bitmsg.pow.service.testing.TestServer;
import dev.bitmsg.pow.testing.EasedPowRules;
import dev.bitmsg.pow.v1.CancelRequest;
import dev.bitmsg.pow.v1.Difficulty;
import dev.bitmsg.pow.v1.GetInfoRequest;
import dev.bitmsg.pow.v1.GetInfoResponse;
import dev.bitmsg.pow.v1.JobState;
import dev.bitmsg.pow.v1.JobUpdate;
import dev.bitmsg.pow.v1.NonceCheck;
import dev.bitmsg.pow.v1.ObjectCheck;
import dev.bitmsg.pow.v1.SolveObjectRequest;
import dev.bitmsg.pow.v1.SolveObjectResponse;
import dev.bitmsg.pow.v1.SolveRequest;
import dev.bitmsg.pow.v1.SolveResponse;
import dev.bitmsg.pow.v1.SubmitRequest;
import dev.bitmsg.pow.v1.TargetParams;
import dev.bitmsg.pow.v1.ValidateRequest;
import dev.bitmsg.pow.v1.ValidateResponse;
import dev.bitmsg.pow.v1.WatchRequest;
import dev.bitmsg.vectors.VectorFile;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every RPC through the in-process transport against a real scheduler and CPU scanner. */
class ProofOfWorkServiceTest {
  @SuppressWarnings("NullAway.Init") // set by start() in the tests that need a server
  private TestServer t;

  private TestServer start() throws Exception {
    t = TestServer.inProcess(TestServer.config(), Optional.empty(), new RecordingScanner(20_000));
    t.awaitReady();
    return t;
  }

  @AfterEach
  void stop() {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void solve_target_returnsVerifiedNonce() throws Exception {
    start();
    InitialHash h = Hashes.of("solve");
    SolveResponse r = t.blocking().solve(solve(h, Hashes.EASY));
    assertEquals(TrialValue.of(r.getNonce(), h), r.getTrialValue());
    assertTrue(TrialValue.meets(r.getTrialValue(), Hashes.EASY));
    assertEquals(Hashes.EASY, r.getTarget());
    assertEquals("cpu-recording", r.getEngine());
    assertTrue(r.getTrials() > 0);
  }

  @Test
  void submit_identicalRequests_shareOneSearch() throws Exception {
    start();
    InitialHash h = Hashes.of("twins");
    long target = Hashes.targetFor(300_000);
    // Different first nonces: only a shared search gives both the same answer.
    String a = t.blocking().submit(submitFrom(h, target, 1L << 40)).getJobId();
    String b = t.blocking().submit(submitFrom(h, target, 1L << 62)).getJobId();
    JobUpdate ra = last(a);
    JobUpdate rb = last(b);
    assertEquals(JobState.JOB_STATE_DONE, ra.getState());
    assertEquals(ra.getResult().getNonce(), rb.getResult().getNonce());
    assertEquals(ra.getResult().getTrials(), rb.getResult().getTrials());
    assertTrue(TrialValue.isSolution(ra.getResult().getNonce(), h, target));
  }

  private static SubmitRequest submitFrom(InitialHash h, long target, long startNonce) {
    return SubmitRequest.newBuilder()
        .setSolve(solve(h, target).toBuilder().setStartNonce(startNonce))
        .build();
  }

  private JobUpdate last(String id) {
    List<JobUpdate> updates = new ArrayList<>();
    t.blocking()
        .watch(WatchRequest.newBuilder().setJobId(id).build())
        .forEachRemaining(updates::add);
    return updates.get(updates.size() - 1);
  }

  @Test
  void rulesGivenToTheServer_decideTargetsAndObjectChecks() throws Exception {
    EasedPowRules eased = new EasedPowRules(12);
    t =
        TestServer.inProcess(
            TestServer.config(), Optional.empty(), new RecordingScanner(20_000), eased);
    t.awaitReady();
    byte[] object = objectExpiringIn(300);
    SolveObjectResponse r =
        t.blocking()
            .solveObject(
                SolveObjectRequest.newBuilder().setObject(ByteString.copyFrom(object)).build());
    long easedTarget = eased.target(object.length, 300);
    assertEquals(easedTarget, r.getTarget(), "the server's rules, not the network's");
    assertTrue(Long.compareUnsigned(easedTarget, PowRules.NETWORK.target(object.length, 300)) > 0);
    TargetParams params =
        TargetParams.newBuilder().setObjectLength(1000).setTtlSeconds(86400).build();
    SolveResponse p =
        t.blocking().solve(solve(Hashes.of("params"), 1).toBuilder().setParams(params).build());
    assertEquals(eased.target(1000, 86400), p.getTarget());
    // An object worked to the eased target passes the server's Validate; whether the network's
    // rules would accept it depends on its trial value, so only the reported target is compared.
    ValidateResponse v =
        t.blocking()
            .validate(
                ValidateRequest.newBuilder()
                    .setObject(ObjectCheck.newBuilder().setObject(r.getObject()))
                    .build());
    assertTrue(v.getValid(), v.getReason());
    assertEquals(easedTarget, v.getTarget());
  }

  @Test
  void solveObject_setsNonceAndKeepsTheRest() throws Exception {
    start();
    byte[] object = objectExpiringIn(300);
    SolveObjectResponse r =
        t.blocking()
            .solveObject(
                SolveObjectRequest.newBuilder().setObject(ByteString.copyFrom(object)).build());
    byte[] done = r.getObject().toByteArray();
    assertEquals(ByteBuffer.wrap(done).getLong(0), r.getNonce());
    assertArrayEquals(
        Arrays.copyOfRange(object, 8, object.length), Arrays.copyOfRange(done, 8, done.length));
    assertEquals(
        PowRules.NETWORK.target(object.length, 300), r.getTarget(), "network formula, TTL 300 s");
    // Check it locally, and through Validate.
    long trial = TrialValue.of(r.getNonce(), InitialHash.ofObject(done));
    assertEquals(trial, r.getTrialValue());
    assertTrue(TrialValue.meets(trial, r.getTarget()));
    ValidateResponse v =
        t.blocking()
            .validate(
                ValidateRequest.newBuilder()
                    .setObject(ObjectCheck.newBuilder().setObject(r.getObject()))
                    .build());
    assertTrue(v.getValid());
    assertEquals(trial, v.getTrialValue());
  }

  @Test
  void validate_powVector_smallestNonceValid_previousInvalid() throws Exception {
    start();
    VectorFile.Block b = VectorFile.block("pow.txt", "GPU/CPU search kernel test");
    ByteString hash = ByteString.copyFrom(b.hex("initial_hash"));
    long target = b.decimal("target_2pow48");
    long smallest = b.decimal("smallest_nonce_2pow48");
    ValidateResponse ok = t.blocking().validate(nonceCheck(hash, smallest, target));
    assertTrue(ok.getValid());
    assertEquals(target, ok.getTarget());
    ValidateResponse zero = t.blocking().validate(nonceCheck(hash, 0, target));
    assertFalse(zero.getValid());
    assertEquals(b.decimal("trial_value_nonce0"), zero.getTrialValue());
  }

  @Test
  void validate_params_usesNetworkTargetVectors() throws Exception {
    start();
    VectorFile.Block b = VectorFile.block("pow.txt", "network-default targets");
    VectorFile.Block d = VectorFile.block("pow.txt", "recipient-demanded difficulty");
    ByteString hash = ByteString.copyFrom(new byte[64]);
    assertEquals(
        b.decimal("target_len54_ttl3600"),
        t.blocking().validate(paramsCheck(hash, 54, 3600, 0, 0)).getTarget());
    assertEquals(
        b.decimal("target_len54_ttl100"),
        t.blocking().validate(paramsCheck(hash, 54, 100, 0, 0)).getTarget());
    assertEquals(
        d.decimal("target_len508_ttl3600_ntpb3000_extra1500"),
        t.blocking().validate(paramsCheck(hash, 508, 3600, 3000, 1500)).getTarget());
  }

  private static ValidateRequest nonceCheck(ByteString hash, long nonce, long target) {
    return ValidateRequest.newBuilder()
        .setNonce(NonceCheck.newBuilder().setInitialHash(hash).setNonce(nonce).setTarget(target))
        .build();
  }

  private static ValidateRequest paramsCheck(
      ByteString hash, long len, long ttl, long ntpb, long extra) {
    return ValidateRequest.newBuilder()
        .setNonce(
            NonceCheck.newBuilder()
                .setInitialHash(hash)
                .setParams(
                    TargetParams.newBuilder()
                        .setObjectLength(len)
                        .setTtlSeconds(ttl)
                        .setDifficulty(
                            Difficulty.newBuilder()
                                .setNonceTrialsPerByte(ntpb)
                                .setPayloadLengthExtraBytes(extra))))
        .build();
  }

  @Test
  void submitWatch_streamsProgress_endsWithVerifiedResult() throws Exception {
    start();
    InitialHash h = Hashes.of("watched");
    long target = Hashes.targetFor(200_000);
    String id =
        t.blocking()
            .submit(SubmitRequest.newBuilder().setSolve(solve(h, target)).build())
            .getJobId();
    Iterator<JobUpdate> it =
        t.blocking().watch(WatchRequest.newBuilder().setJobId(id).setIntervalMs(50).build());
    List<JobUpdate> updates = new ArrayList<>();
    it.forEachRemaining(updates::add);
    JobUpdate last = updates.get(updates.size() - 1);
    assertEquals(JobState.JOB_STATE_DONE, last.getState());
    assertEquals(id, last.getJobId());
    assertTrue(TrialValue.isSolution(last.getResult().getNonce(), h, target));
    long previous = 0;
    for (JobUpdate u : updates) {
      assertTrue(u.getTrials() >= previous, "trials never go down");
      previous = u.getTrials();
      assertEquals(0x1p64 / (target + 1.0), u.getExpectedTrials(), 1);
    }
  }

  @Test
  void cancel_submittedJob_isIdempotent_andWatchReportsIt() throws Exception {
    start();
    InitialHash h = Hashes.of("to-cancel");
    String id =
        t.blocking()
            .submit(SubmitRequest.newBuilder().setSolve(solve(h, Hashes.HARD)).build())
            .getJobId();
    CancelRequest c = CancelRequest.newBuilder().setJobId(id).build();
    assertEquals(JobState.JOB_STATE_CANCELLED, t.blocking().cancel(c).getState());
    assertEquals(JobState.JOB_STATE_CANCELLED, t.blocking().cancel(c).getState());
    List<JobUpdate> updates = new ArrayList<>();
    t.blocking()
        .watch(WatchRequest.newBuilder().setJobId(id).build())
        .forEachRemaining(updates::add);
    assertEquals(1, updates.size());
    assertEquals(JobState.JOB_STATE_CANCELLED, updates.get(0).getState());
    assertFalse(updates.get(0).getError().isEmpty());
    t.awaitIdle();
  }

  @Test
  void cancel_unknownJob_notFound() throws Exception {
    start();
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> t.blocking().cancel(CancelRequest.newBuilder().setJobId("nope").build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
  }

  @Test
  void submit_unwatchedJob_isCancelledAfterGrace() throws Exception {
    start();
    InitialHash h = Hashes.of("orphan");
    t.blocking().submit(SubmitRequest.newBuilder().setSolve(solve(h, Hashes.HARD)).build());
    t.awaitRunning();
    t.awaitIdle(); // the 300 ms grace passes with nobody watching
    int after = t.scanner.slicesFor(h);
    t.blocking().solve(solve(Hashes.of("later"), Hashes.targetFor(100_000)));
    assertTrue(t.scanner.slicesFor(h) <= after + 1);
  }

  @Test
  void getInfo_reportsEnginesQueuesVersion() throws Exception {
    start();
    t.blocking().solve(solve(Hashes.of("info"), Hashes.EASY));
    GetInfoResponse info = t.blocking().getInfo(GetInfoRequest.getDefaultInstance());
    assertEquals(PowGrpcServer.VERSION, info.getVersion());
    assertEquals(1, info.getEnginesCount());
    assertEquals("cpu-recording", info.getEngines(0).getName());
    assertTrue(info.getEngines(0).getHealthy());
    assertTrue(info.getEngines(0).getTrialsTotal() > 0);
    assertTrue(info.getEngines(0).getTrialsPerSecond() > 0);
    assertEquals(4, info.getQueuesCount());
  }

  @Test
  void health_notServingUntilSelfTestPasses() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    t = TestServer.inProcess(TestServer.config(), Optional.empty(), new RecordingScanner(0, gate));
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(t.channel);
    HealthCheckRequest all = HealthCheckRequest.getDefaultInstance();
    HealthCheckRequest pow =
        HealthCheckRequest.newBuilder().setService("bitmessage.pow.v1.ProofOfWork").build();
    assertEquals(ServingStatus.NOT_SERVING, health.check(all).getStatus());
    assertEquals(ServingStatus.NOT_SERVING, health.check(pow).getStatus());
    gate.countDown();
    t.awaitReady();
    for (int i = 0; i < 500 && health.check(pow).getStatus() != ServingStatus.SERVING; i++) {
      Thread.sleep(10);
    }
    assertEquals(ServingStatus.SERVING, health.check(all).getStatus());
    assertEquals(ServingStatus.SERVING, health.check(pow).getStatus());
  }

  @Test
  void solve_clientCancels_workStops() throws Exception {
    start();
    InitialHash h = Hashes.of("abandoned");
    Context.CancellableContext ctx = Context.current().withCancellation();
    CountDownLatch ended = new CountDownLatch(1);
    ctx.run(
        () ->
            t.async()
                .solve(
                    solve(h, Hashes.HARD),
                    new StreamObserver<>() {
                      @Override
                      public void onNext(SolveResponse value) {}

                      @Override
                      public void onError(Throwable e) {
                        ended.countDown();
                      }

                      @Override
                      public void onCompleted() {
                        ended.countDown();
                      }
                    }));
    t.awaitRunning();
    ctx.cancel(null);
    assertTrue(ended.await(10, TimeUnit.SECONDS));
    t.awaitIdle();
    int after = t.scanner.slicesFor(h);
    t.blocking().solve(solve(Hashes.of("next"), Hashes.targetFor(100_000)));
    assertTrue(t.scanner.slicesFor(h) <= after + 1, "scanner kept getting the abandoned job");
  }

  @Test
  void solve_deadline_expiresAndWorkStops() throws Exception {
    start();
    InitialHash h = Hashes.of("deadline");
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                t.blocking()
                    .withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                    .solve(solve(h, Hashes.HARD)));
    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
    t.awaitIdle();
    int after = t.scanner.slicesFor(h);
    t.blocking().solve(solve(Hashes.of("next"), Hashes.targetFor(100_000)));
    assertTrue(t.scanner.slicesFor(h) <= after + 1);
  }

  static Stream<Object[]> badRequests() {
    ByteString h64 = ByteString.copyFrom(new byte[64]);
    ByteString h63 = ByteString.copyFrom(new byte[63]);
    SolveRequest base =
        SolveRequest.newBuilder().setInitialHash(h64).setTarget(Hashes.EASY).build();
    return Stream.of(
        new Object[] {"hash of 63 bytes", base.toBuilder().setInitialHash(h63).build()},
        new Object[] {"target 0", base.toBuilder().setTarget(0).build()},
        new Object[] {"no target", base.toBuilder().clearTarget().build()},
        new Object[] {"absurd target", base.toBuilder().setTarget(1).build()},
        new Object[] {"unknown priority", base.toBuilder().setPriorityValue(99).build()},
        new Object[] {
          "object length 0",
          base.toBuilder()
              .setParams(TargetParams.newBuilder().setObjectLength(0).setTtlSeconds(300))
              .build()
        },
        new Object[] {
          "object length too big",
          base.toBuilder()
              .setParams(TargetParams.newBuilder().setObjectLength(2_000_000).setTtlSeconds(300))
              .build()
        },
        new Object[] {
          "ttl too long",
          base.toBuilder()
              .setParams(TargetParams.newBuilder().setObjectLength(100).setTtlSeconds(40L * 86400))
              .build()
        },
        new Object[] {
          "difficulty with target 0",
          base.toBuilder()
              .setParams(
                  TargetParams.newBuilder()
                      .setObjectLength(100)
                      .setTtlSeconds(300)
                      .setDifficulty(Difficulty.newBuilder().setNonceTrialsPerByte(-1)))
              .build()
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void solve_badRequest_invalidArgument_beforeAnyWork(String what, SolveRequest r)
      throws Exception {
    start();
    int batches = t.scanner.batches().size();
    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> t.blocking().solve(r));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), what);
    assertFalse(e.getStatus().getDescription().isEmpty());
    assertTrue(t.server.scheduler().queues().isEmpty());
    assertEquals(batches, t.scanner.batches().size(), "no work for a refused request");
  }

  @Test
  void solveObject_badObjects_invalidArgument() throws Exception {
    start();
    List<byte[]> bad =
        List.of(new byte[10], objectExpiringIn(-10), objectExpiringIn(40L * 86400), new byte[0]);
    for (byte[] o : bad) {
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  t.blocking()
                      .solveObject(
                          SolveObjectRequest.newBuilder()
                              .setObject(ByteString.copyFrom(o))
                              .build()));
      assertEquals(
          Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), HexFormat.of().formatHex(o));
    }
    for (ValidateRequest v :
        List.of(
            ValidateRequest.getDefaultInstance(),
            ValidateRequest.newBuilder().setObject(ObjectCheck.getDefaultInstance()).build())) {
      StatusRuntimeException e =
          assertThrows(StatusRuntimeException.class, () -> t.blocking().validate(v));
      assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> t.blocking().submit(SubmitRequest.getDefaultInstance()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
  }
}
