package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.api.ApiClient;
import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeSetup;
import dev.bitmsg.node.app.PeerLoad;
import dev.bitmsg.node.testing.MutableClock;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.RawPeer;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.GetData;
import dev.bitmsg.node.wire.Inv;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.ObjectMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer policy under the loads of issue 14, on loopback with every peer on its own 127.x
 * address, through the same scenarios {@code bm bench peers} measures ({@link PeerLoad}); each
 * prints its figures as a {@code peers ...} line. The bounds are the issue's, generous on a busy
 * machine and far below what the old policy gave (refused handshakes; 50,000 database lookups per
 * inv; a 120 s wait behind a silent announcer).
 */
@NetworkTest
class PeerLoadIT {
  @TempDir Path tmp;

  private static void report(String what, String figures) {
    System.out.printf(Locale.ROOT, "peers %s: %s%n", what, figures);
  }

  /** The production timers and limits, with the test network's PoW and bootstrap-free params. */
  private static PeerSettings production() {
    return PeerSettings.defaults().withLoopbackAddrs(true).withWorkerThreads(2);
  }

  private Node start(String name, PeerSettings settings, Optional<ApiSettings> api)
      throws IOException, InterruptedException {
    NodeSetup setup =
        TestNetwork.setup(TestNetwork.config(tmp.resolve(name), 0, List.of(), settings));
    return NodeAssembly.start(api.isPresent() ? setup.withApi(api.get()) : setup);
  }

  @Test
  void hundredHalfOpenConnections_areHeld_whileAnHonestPeerCompletesItsHandshake()
      throws Exception {
    try (Node node = start("half-open", production(), Optional.empty())) {
      PeerLoad.HalfOpen r = PeerLoad.halfOpen(node.listenAddress().orElseThrow(), 100, "127.0.0.2");
      report(
          "half-open",
          String.format(
              Locale.ROOT,
              "handshake %.1f ms with %d half-open connections, %d still held",
              r.handshakeMs(),
              r.halfOpen(),
              r.stillOpen()));
      assertTrue(r.handshakeMs() <= 10_000, "handshake within 10 s: " + r.handshakeMs());
      assertEquals(100, r.stillOpen(), "the half-open connections are held, not refused");
    }
    // Fewer handshake slots than half-open connections: the oldest give way, the honest peer
    // still gets through.
    PeerSettings few = production();
    few = few.withPolicy(few.policy().withMaxHandshaking(40));
    try (Node node = start("few-slots", few, Optional.empty())) {
      PeerLoad.HalfOpen r = PeerLoad.halfOpen(node.listenAddress().orElseThrow(), 100, "127.0.0.3");
      report(
          "half-open, 40 handshake slots",
          String.format(
              Locale.ROOT, "handshake %.1f ms, %d still held", r.handshakeMs(), r.stillOpen()));
      assertTrue(r.handshakeMs() <= 10_000, "handshake within 10 s: " + r.handshakeMs());
      assertTrue(r.stillOpen() <= 40, "held " + r.stillOpen());
    }
  }

  @Test
  void invFloodOfKnownVectors_apiAndHonestObjectStayFast() throws Exception {
    List<InventoryVector> known =
        PeerLoad.preload(tmp.resolve("flood"), 50_000, TestNetwork.RULES, TestNetwork.params(), 21);
    // The announcement budget lifted: every one of the 200 invs is answered, from memory.
    PeerSettings s = production();
    s = s.withPolicy(s.policy().withAnnounceBudget(1e9, Integer.MAX_VALUE));
    ApiSettings api = new ApiSettings("127.0.0.1", 0, "t", "t", ApiSettings.Variant.XML, false);
    try (Node node = start("flood", s, Optional.of(api))) {
      ApiClient client =
          new ApiClient(
              URI.create("http://127.0.0.1:" + node.apiAddress().orElseThrow().getPort() + "/"),
              "t",
              "t",
              ApiSettings.Variant.XML);
      ObjectMessage fresh = TestNetwork.maker(22).make(Instant.now().getEpochSecond(), 3600, 300);
      PeerLoad.Flood f = PeerLoad.invFlood(node, client, known, 200, fresh, Duration.ofMinutes(3));
      report(
          "inv flood",
          String.format(
              Locale.ROOT,
              "%d invs of %d known vectors in %.1f s; API p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                  + " over %d calls; honest object stored in %.0f ms",
              f.invsSent(),
              known.size(),
              f.floodSeconds(),
              f.apiP50Ms(),
              f.apiP99Ms(),
              f.apiMaxMs(),
              f.apiCalls(),
              f.honestStoredMs()));
      assertEquals(200, f.invsSent(), "the whole flood was read");
      assertTrue(f.apiP99Ms() <= 500, "API p99 <= 500 ms: " + f.apiP99Ms());
      assertTrue(f.honestStoredMs() <= 2_000, "honest object within 2 s: " + f.honestStoredMs());
    }
  }

  @Test
  void silentAnnouncer_delaysAnHonestlyAnnouncedObjectByLessThanFiveSeconds() throws Exception {
    // Production timers: a 1 s tick, requests forgotten after 120 s, claims lapsing after 2 s.
    try (Node node = start("silent", production(), Optional.empty())) {
      ObjectMessage o = TestNetwork.maker(23).make(Instant.now().getEpochSecond(), 3600, 300);
      double ms = PeerLoad.silentAnnouncer(node, o);
      report(
          "silent announcer",
          String.format(
              Locale.ROOT,
              "object stored %.0f ms after the" + " honest announcement (claim timeout %s)",
              ms,
              production().policy().claimTimeout()));
      assertTrue(ms <= 5_000, "delayed by at most 5 s: " + ms);
    }
  }

  @Test
  void peerOverItsAnnouncementBudget_isHeldBackUntilItRefills() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    PeerSettings s = TestNetwork.settings();
    s = s.withPolicy(s.policy().withAnnounceBudget(10, 100));
    try (Node node =
            NodeAssembly.start(
                TestNetwork.setup(TestNetwork.config(tmp.resolve("budget"), 0, List.of(), s))
                    .withClock(clock));
        RawPeer p = new RawPeer("127.0.0.71", TestNetwork.endpoint(node))) {
      p.handshake();
      SplittableRandom r = new SplittableRandom(8);
      p.send(new Inv(vectors(r, 101))); // one over the budget of 100: read and answered
      assertEquals(101, requested(p, Duration.ofSeconds(10), 101), "the first inv is answered");
      InventoryVector late = vectors(r, 1).get(0);
      p.send(new Inv(List.of(late)));
      assertEquals(
          0,
          requested(p, Duration.ofSeconds(2), 1),
          "held back: the next inv stays unread while the budget is overdrawn");
      clock.advance(Duration.ofSeconds(2)); // 20 refilled: back above zero
      assertEquals(1, requested(p, Duration.ofSeconds(10), 1), "read once the budget refilled");
    }
  }

  private static List<InventoryVector> vectors(SplittableRandom r, int n) {
    List<InventoryVector> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[32];
      r.nextBytes(b);
      out.add(new InventoryVector(Bytes.of(b)));
    }
    return out;
  }

  /** Vectors requested by getdata within {@code limit}, stopping once {@code enough} came. */
  private static int requested(RawPeer p, Duration limit, int enough) throws IOException {
    int got = 0;
    long end = System.nanoTime() + limit.toNanos();
    while (got < enough && System.nanoTime() < end) {
      Optional<Message> m;
      try {
        m = p.receive(Duration.ofMillis(200));
      } catch (IOException quiet) {
        continue; // nothing within 200 ms
      }
      assertTrue(m.isPresent(), "connection kept");
      if (m.get() instanceof GetData g) {
        got += g.vectors().size();
      }
    }
    return got;
  }
}
