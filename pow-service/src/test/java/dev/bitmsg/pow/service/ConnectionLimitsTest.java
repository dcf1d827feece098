package dev.bitmsg.pow.service;

import static dev.bitmsg.pow.service.testing.Requests.solve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.service.testing.Hashes;
import dev.bitmsg.pow.service.testing.Http2Probe;
import dev.bitmsg.pow.service.testing.RecordingScanner;
import dev.bitmsg.pow.service.testing.TestServer;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import dev.bitmsg.pow.v1.SolveEvent;
import dev.bitmsg.pow.v1.SolveStreamRequest;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/2 connection policy of a real server on loopback: calls per connection, the pings it
 * tolerates (with and without calls in flight), connection age and its grace, and its own pings.
 */
class ConnectionLimitsTest {
  @SuppressWarnings("NullAway.Init") // set by each test
  private TestServer t;

  @AfterEach
  void stop() {
    t.close();
  }

  private TestServer start(ConnectionLimits limits) throws Exception {
    PowServiceConfig config = TestServer.config();
    config = config.withLimits(config.limits().withConnections(limits));
    t = TestServer.loopback(config, Optional.empty(), new RecordingScanner(5_000));
    t.awaitReady();
    return t;
  }

  private static ConnectionLimits limits(
      int calls, Duration permit, boolean idlePings, Duration age, Duration serverPing) {
    return new ConnectionLimits(calls, permit, idlePings, age, Duration.ofSeconds(1), serverPing);
  }

  private static final Duration LONG = Duration.ofHours(2);

  /** A SolveStream call whose events and end land in a queue. */
  private BlockingQueue<Object> stream(String label) {
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    ProofOfWorkGrpc.newStub(t.channel)
        .withDeadlineAfter(2, TimeUnit.MINUTES)
        .solveStream(
            SolveStreamRequest.newBuilder()
                .setSolve(solve(Hashes.of(label), Hashes.HARD))
                .setProgressIntervalMs(100)
                .build(),
            new StreamObserver<>() {
              @Override
              public void onNext(SolveEvent e) {
                events.add(e);
              }

              @Override
              public void onError(Throwable e) {
                events.add(Status.fromThrowable(e));
              }

              @Override
              public void onCompleted() {
                events.add(Status.OK);
              }
            });
    return events;
  }

  @Test
  void maxCallsPerConnection_furtherCallsWaitUntilOneEnds() throws Exception {
    start(limits(2, Duration.ofSeconds(5), true, Duration.ZERO, LONG));
    Context.CancellableContext first = Context.current().withCancellation();
    BlockingQueue<Object> a = first.call(() -> stream("calls a"));
    BlockingQueue<Object> b = stream("calls b");
    assertTrue(a.poll(60, TimeUnit.SECONDS) instanceof SolveEvent, "first call runs");
    assertTrue(b.poll(60, TimeUnit.SECONDS) instanceof SolveEvent, "second call runs");
    BlockingQueue<Object> c = stream("calls c");
    // Both streams of this connection are taken: the third call cannot start.
    assertEquals(null, c.poll(3, TimeUnit.SECONDS), "a third call on the same connection waits");
    first.cancel(null);
    Object started = c.poll(60, TimeUnit.SECONDS);
    assertTrue(started instanceof SolveEvent, "the third call starts once one ends: " + started);
  }

  @Test
  void pingsAtThePermittedRate_areTolerated_floodsAreCalmedDown() throws Exception {
    start(limits(100, Duration.ofSeconds(1), true, Duration.ZERO, LONG));
    try (Http2Probe probe = new Http2Probe(t.server.port())) {
      // No call in flight, one ping every 1.5 s: allowed.
      for (int i = 0; i < 3; i++) {
        probe.ping(i);
        Optional<Http2Probe.Frame> ack = probe.await(Http2Probe.PING, Http2Probe.ACK, 30_000);
        assertTrue(ack.isPresent(), "ping " + i + " answered");
        assertEquals(Http2Probe.PING, ack.get().type(), "not sent away after ping " + i);
        Thread.sleep(1_500);
      }
      probe.pings(100, 10);
      Optional<Http2Probe.Frame> away = probe.await(Http2Probe.GOAWAY, 0, 30_000);
      assertTrue(away.isPresent(), "a ping flood is sent away");
      assertEquals(Http2Probe.GOAWAY, away.get().type());
      assertEquals(Http2Probe.ENHANCE_YOUR_CALM, away.get().errorCode());
      assertEquals("too_many_pings", away.get().debug());
    }
  }

  @Test
  void pingsWithoutCalls_refusedWhenNotPermitted() throws Exception {
    start(limits(100, Duration.ofSeconds(1), false, Duration.ZERO, LONG));
    try (Http2Probe probe = new Http2Probe(t.server.port())) {
      // The same polite rate as above, but no call is in flight: that counts as abuse here.
      Optional<Http2Probe.Frame> away = Optional.empty();
      for (int i = 0; i < 6 && away.isEmpty(); i++) {
        probe.ping(i);
        Optional<Http2Probe.Frame> f = probe.await(Http2Probe.PING, Http2Probe.ACK, 30_000);
        if (f.isPresent() && f.get().type() == Http2Probe.GOAWAY) {
          away = f;
        } else {
          Thread.sleep(1_500);
        }
      }
      assertTrue(away.isPresent(), "pings on an idle connection are sent away");
      assertEquals(Http2Probe.ENHANCE_YOUR_CALM, away.get().errorCode());
    }
  }

  @Test
  void maxConnectionAge_sendsGoAway_andCallsEndAfterTheGrace() throws Exception {
    start(limits(100, Duration.ofSeconds(5), true, Duration.ofSeconds(1), LONG));
    try (Http2Probe probe = new Http2Probe(t.server.port())) {
      Optional<Http2Probe.Frame> away = probe.await(Http2Probe.GOAWAY, 0, 30_000);
      assertTrue(away.isPresent(), "an aged connection is asked to go away");
      assertEquals(0, away.get().errorCode(), "NO_ERROR: a polite goodbye");
    }
    // A call that outlives age and grace is ended, and its job with it.
    BlockingQueue<Object> events = stream("aged out");
    Object end;
    do {
      end = events.poll(60, TimeUnit.SECONDS);
    } while (end instanceof SolveEvent);
    assertTrue(end instanceof Status, "the call ended: " + end);
    assertFalse(((Status) end).isOk(), "not with an answer: " + end);
    t.awaitIdle();
  }

  @Test
  void keepalive_serverPingsASilentClient() throws Exception {
    start(limits(100, Duration.ofSeconds(5), true, Duration.ZERO, Duration.ofSeconds(1)));
    try (Http2Probe probe = new Http2Probe(t.server.port())) {
      Optional<Http2Probe.Frame> ping = probe.await(Http2Probe.PING, 0, 30_000);
      assertTrue(ping.isPresent(), "the server pings a client that stays silent");
      assertEquals(Http2Probe.PING, ping.get().type());
    }
  }
}
