package dev.bitmsg.pow.service;

import static dev.bitmsg.pow.service.testing.Requests.objectExpiringIn;
import static dev.bitmsg.pow.service.testing.Requests.solve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.service.testing.Hashes;
import dev.bitmsg.pow.service.testing.RecordingScanner;
import dev.bitmsg.pow.service.testing.TestServer;
import dev.bitmsg.pow.testing.EasedPowRules;
import dev.bitmsg.pow.v1.JobState;
import dev.bitmsg.pow.v1.ObjectCheck;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import dev.bitmsg.pow.v1.SolveEvent;
import dev.bitmsg.pow.v1.SolveObjectRequest;
import dev.bitmsg.pow.v1.SolveProgress;
import dev.bitmsg.pow.v1.SolveResponse;
import dev.bitmsg.pow.v1.SolveStreamRequest;
import dev.bitmsg.pow.v1.ValidateRequest;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SolveStream, the one-call job: progress then the answer, the object variant, the resume point and
 * resuming on another server, cancellation, deadlines and errors; in-process and over a real
 * loopback connection.
 */
class SolveStreamTest {
  private final List<TestServer> servers = new ArrayList<>();

  private TestServer inProcess() throws Exception {
    TestServer t =
        TestServer.inProcess(TestServer.config(), Optional.empty(), new RecordingScanner(5_000));
    servers.add(t);
    t.awaitReady();
    return t;
  }

  @AfterEach
  void stop() {
    servers.forEach(TestServer::close);
  }

  private static SolveStreamRequest stream(InitialHash h, long target, int intervalMs) {
    return SolveStreamRequest.newBuilder()
        .setSolve(solve(h, target))
        .setProgressIntervalMs(intervalMs)
        .build();
  }

  private static List<SolveEvent> all(Iterator<SolveEvent> events) {
    List<SolveEvent> out = new ArrayList<>();
    events.forEachRemaining(out::add);
    return out;
  }

  @Test
  void solve_progressThenAnswer() throws Exception {
    for (TestServer t : List.of(inProcess(), loopback())) {
      InitialHash h = Hashes.of("stream " + t.server.port());
      List<SolveEvent> events = all(t.blocking().solveStream(stream(h, Hashes.EASY, 0)));
      // Progress while it runs (an easy job may be done before the first report), then the answer.
      for (SolveEvent e : events.subList(0, events.size() - 1)) {
        assertEquals(SolveEvent.EventCase.PROGRESS, e.getEventCase(), e.toString());
      }
      SolveEvent last = events.get(events.size() - 1);
      assertEquals(SolveEvent.EventCase.RESULT, last.getEventCase());
      SolveResponse r = last.getResult();
      assertTrue(TrialValue.isSolution(r.getNonce(), h, Hashes.EASY));
      assertEquals(Hashes.EASY, r.getTarget());
      t.awaitIdle();
    }
  }

  private TestServer loopback() throws Exception {
    TestServer t =
        TestServer.loopback(TestServer.config(), Optional.empty(), new RecordingScanner(5_000));
    servers.add(t);
    t.awaitReady();
    return t;
  }

  @Test
  void object_answerIsTheObjectWithItsNonce() throws Exception {
    TestServer t =
        TestServer.inProcess(
            TestServer.config(),
            Optional.empty(),
            new RecordingScanner(5_000),
            new EasedPowRules(12));
    servers.add(t);
    t.awaitReady();
    byte[] object = objectExpiringIn(3600);
    SolveStreamRequest req =
        SolveStreamRequest.newBuilder()
            .setObject(
                SolveObjectRequest.newBuilder()
                    .setObject(ByteString.copyFrom(object))
                    .setStartNonce(12_345))
            .build();
    List<SolveEvent> events = all(t.blocking().solveStream(req));
    SolveEvent last = events.get(events.size() - 1);
    assertEquals(SolveEvent.EventCase.OBJECT_RESULT, last.getEventCase());
    for (SolveEvent e : events.subList(0, events.size() - 1)) {
      assertEquals(12_345, e.getProgress().getSearchedFrom(), "the object's start nonce");
    }
    long nonce = last.getObjectResult().getNonce();
    assertTrue(nonce - 12_345 >= 0 && nonce - 12_345 < 1 << 30, "searched up from 12345: " + nonce);
    ByteString done = last.getObjectResult().getObject();
    assertEquals(object.length, done.size());
    assertTrue(
        t.blocking()
            .validate(
                ValidateRequest.newBuilder()
                    .setObject(ObjectCheck.newBuilder().setObject(done))
                    .build())
            .getValid());
  }

  @Test
  void progress_reportsResumePoint_andAnotherServerResumesThere() throws Exception {
    TestServer a = inProcess();
    InitialHash h = Hashes.of("resume elsewhere");
    long start = 7L << 40;
    SolveStreamRequest req =
        SolveStreamRequest.newBuilder()
            .setSolve(solve(h, Hashes.HARD).toBuilder().setStartNonce(start))
            .setProgressIntervalMs(50)
            .build();
    Context.CancellableContext call = Context.current().withCancellation();
    SolveProgress seen;
    try {
      seen =
          call.call(
              () -> {
                Iterator<SolveEvent> events = a.blocking().solveStream(req);
                long previous = start;
                while (true) {
                  SolveProgress p = events.next().getProgress();
                  assertEquals(start, p.getSearchedFrom());
                  assertTrue(p.getNextNonce() - start >= previous - start, "never goes back");
                  previous = p.getNextNonce();
                  if (p.getNextNonce() - start >= 50_000
                      && p.getState() == JobState.JOB_STATE_RUNNING) {
                    return p;
                  }
                }
              });
    } finally {
      call.cancel(null);
    }
    a.awaitIdle(); // the client went away: the job stopped
    // Every nonce below the resume point was handed to the engine.
    long covered = 0;
    List<ScanSlice> slices = new ArrayList<>();
    a.scanner
        .batches()
        .forEach(b -> b.stream().filter(s -> s.initialHash().equals(h)).forEach(slices::add));
    slices.sort((x, y) -> Long.compareUnsigned(x.firstNonce() - start, y.firstNonce() - start));
    for (ScanSlice s : slices) {
      if (s.firstNonce() - start <= covered) {
        covered = Math.max(covered, s.firstNonce() - start + s.count());
      }
    }
    assertTrue(covered >= seen.getNextNonce() - start, "scanned up to the resume point");

    TestServer b = inProcess();
    long resume = seen.getNextNonce();
    SolveStreamRequest again =
        req.toBuilder().setSolve(req.getSolve().toBuilder().setStartNonce(resume)).build();
    Context.CancellableContext call2 = Context.current().withCancellation();
    try {
      SolveProgress first = call2.call(() -> b.blocking().solveStream(again).next().getProgress());
      assertEquals(resume, first.getSearchedFrom());
    } finally {
      call2.cancel(null);
    }
    b.awaitIdle();
    for (List<ScanSlice> batch : b.scanner.batches()) {
      for (ScanSlice s : batch) {
        if (s.initialHash().equals(h)) {
          assertTrue(s.firstNonce() - resume >= 0, "server b starts at the resume point: " + s);
        }
      }
    }
  }

  @Test
  void deadline_endsTheCallAndTheJob() throws Exception {
    TestServer t = inProcess();
    Iterator<SolveEvent> events =
        ProofOfWorkGrpc.newBlockingStub(t.channel)
            .withDeadlineAfter(700, TimeUnit.MILLISECONDS)
            .solveStream(stream(Hashes.of("deadline"), Hashes.HARD, 100));
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> all(events));
    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
    t.awaitIdle();
  }

  @Test
  void badRequests_areInvalidArgument() throws Exception {
    TestServer t = inProcess();
    StatusRuntimeException none =
        assertThrows(
            StatusRuntimeException.class,
            () -> all(t.blocking().solveStream(SolveStreamRequest.getDefaultInstance())));
    assertEquals(Status.Code.INVALID_ARGUMENT, none.getStatus().getCode());
    assertTrue(none.getStatus().getDescription().contains("solve or object"));
    StatusRuntimeException shortHash =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                all(
                    t.blocking()
                        .solveStream(
                            SolveStreamRequest.newBuilder()
                                .setSolve(
                                    solve(Hashes.of("x"), 1).toBuilder()
                                        .setInitialHash(ByteString.copyFrom(new byte[3])))
                                .build())));
    assertEquals(Status.Code.INVALID_ARGUMENT, shortHash.getStatus().getCode());
  }
}
