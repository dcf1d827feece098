package dev.bitmsg.pow.service;

import static dev.bitmsg.pow.service.testing.Requests.solve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.service.testing.Hashes;
import dev.bitmsg.pow.service.testing.RecordingScanner;
import dev.bitmsg.pow.service.testing.SendCounter;
import dev.bitmsg.pow.service.testing.TestServer;
import dev.bitmsg.pow.v1.JobUpdate;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import dev.bitmsg.pow.v1.SolveEvent;
import dev.bitmsg.pow.v1.SolveStreamRequest;
import dev.bitmsg.pow.v1.SubmitRequest;
import dev.bitmsg.pow.v1.WatchRequest;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading a progress stream (SolveStream, Watch) costs the server at most one
 * pending snapshot: while the client reads nothing the server writes nothing more, however many
 * progress ticks pass, and what it held back arrives once the client reads again.
 */
class FlowControlTest {
  private static final int INTERVAL_MS = 50;

  @SuppressWarnings("NullAway.Init") // set by each test
  private TestServer t;

  @AfterEach
  void stop() {
    t.close();
  }

  private SendCounter start(MethodDescriptor<?, ?> method) throws Exception {
    SendCounter counter = new SendCounter(method.getFullMethodName());
    t = TestServer.inProcess(TestServer.config(), new RecordingScanner(5_000), counter);
    t.awaitReady();
    return counter;
  }

  @Test
  void solveStream_stalledReader_serverWritesNothingMore() throws Exception {
    SendCounter counter = start(ProofOfWorkGrpc.getSolveStreamMethod());
    SolveStreamRequest req =
        SolveStreamRequest.newBuilder()
            .setSolve(solve(Hashes.of("stalled stream"), Hashes.HARD))
            .setProgressIntervalMs(INTERVAL_MS)
            .build();
    stalledReader(ProofOfWorkGrpc.getSolveStreamMethod(), req, counter);
  }

  @Test
  void watch_stalledReader_serverWritesNothingMore() throws Exception {
    SendCounter counter = start(ProofOfWorkGrpc.getWatchMethod());
    String id =
        t.blocking()
            .submit(
                SubmitRequest.newBuilder()
                    .setSolve(solve(Hashes.of("stalled watch"), Hashes.HARD))
                    .build())
            .getJobId();
    WatchRequest req = WatchRequest.newBuilder().setJobId(id).setIntervalMs(INTERVAL_MS).build();
    stalledReader(ProofOfWorkGrpc.getWatchMethod(), req, counter);
  }

  /** Reads one message of a {@code method} call, then nothing while many ticks pass. */
  private <Q, R> void stalledReader(MethodDescriptor<Q, R> method, Q request, SendCounter counter)
      throws Exception {
    BlockingQueue<Object> got = new LinkedBlockingQueue<>();
    ClientCall<Q, R> call =
        t.channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.MINUTES));
    call.start(
        new ClientCall.Listener<R>() {
          @Override
          public void onMessage(R message) {
            got.add(message);
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            got.add(status);
          }
        },
        new Metadata());
    call.sendMessage(request);
    call.halfClose();
    call.request(1);
    Object first = got.poll(60, TimeUnit.SECONDS);
    assertTrue(first instanceof SolveEvent || first instanceof JobUpdate, "first: " + first);
    // Dozens of progress ticks come and go while the client reads nothing.
    counter.awaitReadyChecks(40);
    assertTrue(
        counter.sent() <= 2,
        "messages written while the client read nothing: " + counter.sent() + " (at most 2)");
    assertTrue(got.isEmpty(), "nothing delivered beyond what was asked for");
    // Reading again gets the held-back snapshot.
    call.request(1);
    Object next = got.poll(60, TimeUnit.SECONDS);
    assertNotNull(next, "the pending snapshot arrives once the client reads");
    assertTrue(next instanceof SolveEvent || next instanceof JobUpdate, "next: " + next);
    call.cancel("test done", null);
    Object end;
    do {
      end = got.poll(60, TimeUnit.SECONDS);
    } while (end != null && !(end instanceof Status));
    assertTrue(end instanceof Status, "closed: " + end);
    assertEquals(Status.Code.CANCELLED, ((Status) end).getCode());
    if (method == ProofOfWorkGrpc.getSolveStreamMethod()) {
      t.awaitIdle();
    }
  }
}
