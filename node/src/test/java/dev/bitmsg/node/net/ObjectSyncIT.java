package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.ObjectMaker;
import dev.bitmsg.node.store.KnownNode;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.MutableClock;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.RawPeer;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.GetData;
import dev.bitmsg.node.wire.Inv;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.ObjectMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bookkeeping and serving seen from raw peers: getdata for announced objects, a request
 * left unanswered is forgotten and the object fetched from another announcer, getdata served from
 * the store, expired objects neither announced nor kept, addr gossip recorded.
 */
@NetworkTest
class ObjectSyncIT {
  private static final Duration LIMIT = Duration.ofSeconds(10);
  @TempDir Path tmp;

  private static PeerSettings settings() {
    return TestNetwork.settings()
        .withTimers(
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofMillis(700))
        .withIntervals(Duration.ofMillis(100), Duration.ofMillis(100));
  }

  /** The next message of type {@code type}, skipping others (addr, inv, ...). */
  private static <T extends Message> T next(RawPeer p, Class<T> type) throws IOException {
    while (true) {
      Optional<Message> m = p.receive(LIMIT);
      assertTrue(m.isPresent(), "connection closed while waiting for " + type.getSimpleName());
      if (type.isInstance(m.get())) {
        return type.cast(m.get());
      }
    }
  }

  @Test
  void unansweredRequest_isForgottenAndAnotherAnnouncerAsked() throws Exception {
    try (Node node =
            TestNetwork.start(tmp.resolve("n"), 0, List.of(), settings(), Clock.systemUTC());
        RawPeer silent = new RawPeer("127.0.0.31", TestNetwork.endpoint(node));
        RawPeer helpful = new RawPeer("127.0.0.32", TestNetwork.endpoint(node))) {
      silent.handshake();
      helpful.handshake();
      ObjectMessage o = TestNetwork.maker(1).make(Instant.now().getEpochSecond(), 3600, 200);
      InventoryVector v = o.inventoryVector();

      silent.send(new Inv(List.of(v)));
      assertEquals(List.of(v), next(silent, GetData.class).vectors());
      helpful.send(new Inv(List.of(v)));
      // The silent peer never delivers: after the request timeout the helpful peer is asked.
      assertEquals(List.of(v), next(helpful, GetData.class).vectors());
      helpful.send(o);
      Await.until(LIMIT, "object stored", () -> node.inventory().contains(v));

      // getdata is served from the store, byte for byte.
      silent.send(new GetData(List.of(v)));
      assertEquals(o, next(silent, ObjectMessage.class));
    }
  }

  @Test
  void expiredObjects_notAnnouncedThenDeletedAfterGrace() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    try (Node node = TestNetwork.start(tmp.resolve("x"), 0, List.of(), settings(), clock)) {
      ObjectMaker maker = TestNetwork.maker(2);
      long now = clock.instant().getEpochSecond();
      ObjectMessage shortLived = maker.make(now, 300, 100);
      ObjectMessage longLived = maker.make(now, 86_400, 100);
      node.peers().submit(shortLived);
      node.peers().submit(longLived);
      clock.advance(Duration.ofSeconds(301)); // short-lived expired, within 3 h grace, skew < 1 h

      try (Node late =
          TestNetwork.start(
              tmp.resolve("late"),
              0,
              List.of(TestNetwork.endpoint(node)),
              settings(),
              Clock.systemUTC())) {
        Await.until(
            LIMIT,
            "late node gets the live object",
            () -> late.inventory().contains(longLived.inventoryVector()));
        assertFalse(
            late.inventory().contains(shortLived.inventoryVector()), "expired: not announced");
      }
      assertTrue(node.inventory().contains(shortLived.inventoryVector()), "kept during the grace");
      clock.advance(Duration.ofHours(3));
      assertEquals(1, node.cleaner().runOnce());
      assertFalse(node.inventory().contains(shortLived.inventoryVector()));
      assertTrue(node.inventory().contains(longLived.inventoryVector()));
    }
  }

  @Test
  void addrGossip_spreadsListeningNodes() throws Exception {
    try (Node a = TestNetwork.start(tmp.resolve("a"), 0, List.of(), settings(), Clock.systemUTC());
        Node b =
            TestNetwork.start(
                tmp.resolve("b"),
                0,
                List.of(TestNetwork.endpoint(a)),
                settings(),
                Clock.systemUTC())) {
      HostPort aEnd = TestNetwork.endpoint(a);
      HostPort bEnd = TestNetwork.endpoint(b);
      // a learns b's listening port from b's version; b records a after dialling it.
      Await.until(LIMIT, "a knows b", () -> knows(a, bEnd));
      Await.until(LIMIT, "b knows a", () -> knows(b, aEnd));
      // c only dials a, and learns b from a's addr.
      try (Node c =
          TestNetwork.start(
              tmp.resolve("c"),
              TestNetwork.CLIENT_ONLY,
              List.of(aEnd),
              settings(),
              Clock.systemUTC())) {
        Await.until(LIMIT, "c learns b by addr", () -> knows(c, bEnd));
      }
    }
  }

  @Test
  void silentConnections_timeOut_idlePeersArePinged() throws Exception {
    PeerSettings quick =
        settings()
            .withTimers(
                Duration.ofMillis(800),
                Duration.ofMillis(500),
                Duration.ofMillis(1500),
                Duration.ofSeconds(5));
    try (Node node = TestNetwork.start(tmp.resolve("q"), 0, List.of(), quick, Clock.systemUTC())) {
      try (RawPeer mute = new RawPeer("127.0.0.33", TestNetwork.endpoint(node))) {
        assertTrue(mute.closedByNode(LIMIT), "no handshake: closed after the handshake timeout");
      }
      try (RawPeer idle = new RawPeer("127.0.0.34", TestNetwork.endpoint(node))) {
        idle.handshake();
        next(idle, dev.bitmsg.node.wire.Ping.class); // keep-alive after pingAfter of silence
        assertTrue(idle.closedByNode(LIMIT), "never answering: closed after deadAfter");
      }
      assertFalse(
          node.peers()
              .banList()
              .isBanned(PeerId.of(java.net.InetAddress.getByName("127.0.0.34"), 8444)),
          "timeouts are not bans");
    }
  }

  @Test
  void largeGetdata_isServedCompletelyThroughWritabilityPauses() throws Exception {
    try (Node node =
        TestNetwork.start(tmp.resolve("big"), 0, List.of(), settings(), Clock.systemUTC())) {
      ObjectMaker maker = TestNetwork.maker(4);
      long now = Instant.now().getEpochSecond();
      List<ObjectMessage> objects = new java.util.ArrayList<>();
      for (int i = 0; i < 120; i++) { // 12 MB: far beyond the 1 MiB high water mark
        objects.add(maker.make(now, 3600, 100_000));
      }
      node.inventory()
          .addAll(objects.stream().map(dev.bitmsg.node.store.InventoryItem::of).toList());
      // A tiny receive window makes the node's channel unwritable almost at once.
      try (RawPeer reader = new RawPeer("127.0.0.35", TestNetwork.endpoint(node), 4096)) {
        reader.handshake();
        reader.send(new GetData(objects.stream().map(ObjectMessage::inventoryVector).toList()));
        for (ObjectMessage expected : objects) {
          assertEquals(expected, next(reader, ObjectMessage.class), "served in request order");
        }
      }
    }
  }

  private static boolean knows(Node n, HostPort hp) {
    for (KnownNode k : n.knownNodes().candidates(1, 100)) {
      if (k.port() == hp.port() && k.host().equals(hp.host())) {
        return true;
      }
    }
    return false;
  }
}
