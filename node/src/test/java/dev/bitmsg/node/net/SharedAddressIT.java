package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.RawPeer;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.ErrorMessage;
import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.Ping;
import dev.bitmsg.node.wire.Pong;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several peers behind one address (home NAT, carrier-grade NAT, an onion service): the hub node
 * treats loopback addresses as remote hosts here, and its peers all dial from 127.0.0.1, so they
 * share one address, as nodes behind a NAT do. Both are served and a message between them is
 * relayed through the hub; a peer refused at the per-address limit is dialled back at its listening
 * port; a quick reconnect takes over its old, not yet cleaned up connection; a full node refuses
 * with a reason. Raw peers sit on their own 127.0.0.x addresses.
 */
@NetworkTest
class SharedAddressIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void closeAll() {
    for (Node n : nodes) {
      n.close();
    }
  }

  /** A hub whose loopback peers count as remote hosts, {@code perAddress} of them per address. */
  private static PeerSettings hub(int perAddress) {
    PeerSettings s = TestNetwork.settings();
    return s.withPolicy(s.policy().withInboundPerAddress(perAddress, false));
  }

  private Node start(String name, List<HostPort> connect, PeerSettings settings)
      throws IOException, InterruptedException {
    Node n =
        NodeAssembly.start(
            TestNetwork.setup(TestNetwork.config(tmp.resolve(name), 0, connect, settings))
                .withMessaging(TestNetwork.messaging()));
    nodes.add(n);
    return n;
  }

  private static boolean has(Node n, ObjectMessage o) {
    return n.inventory().contains(o.inventoryVector());
  }

  @Test
  void twoNodesBehindOneAddress_bothServed_andAMessageBetweenThemRelayed() throws Exception {
    Node hub = start("hub", List.of(), hub(8));
    HostPort at = TestNetwork.endpoint(hub);
    Node a = start("a", List.of(at), TestNetwork.settings());
    Node b = start("b", List.of(at), TestNetwork.settings());
    Await.until(LIMIT, "both peers established at the hub", () -> inbound(hub) == 2);
    assertEquals(
        List.of("127.0.0.1", "127.0.0.1"),
        hub.peers().peers().stream().map(p -> p.remote().getAddress().getHostAddress()).toList(),
        "both reach the hub from one address");

    ObjectMessage o = TestNetwork.maker(3).make(Instant.now().getEpochSecond(), 3600, 300);
    hub.peers().submit(o);
    Await.until(LIMIT, "both get the hub's object", () -> has(a, o) && has(b, o));

    // A msg from a to b, neither connected to the other: through the hub only.
    assertEquals(1, a.peers().peers().size());
    assertEquals(1, b.peers().peers().size());
    Identity alice = a.messenger().createRandom("alice");
    Identity bob = b.messenger().createRandom("bob");
    long id =
        a.messenger()
            .send(
                a.messenger().text(alice),
                b.messenger().text(bob),
                "via the hub",
                "from behind one NAT",
                3600);
    Await.until(
        LIMIT,
        "message delivered and acknowledged through the hub",
        () -> a.messenger().status(id).orElseThrow().entry().status() == SendStatus.ACK_RECEIVED);
    assertEquals(
        "from behind one NAT",
        b.messenger().content(b.messenger().inbox().get(0)).body(),
        "the message is in b's inbox");
  }

  @Test
  void peerRefusedAtTheAddressLimit_isDialledBackAtItsListeningPort() throws Exception {
    Node hub = start("hub", List.of(), hub(1));
    HostPort at = TestNetwork.endpoint(hub);
    Node a = start("a", List.of(at), TestNetwork.settings());
    Await.until(LIMIT, "a established", () -> inbound(hub) == 1);
    Node b = start("b", List.of(at), TestNetwork.settings());
    int bPort = TestNetwork.endpoint(b).port();
    Await.until(
        LIMIT,
        "the hub dialled b back",
        () ->
            hub.peers().peers().stream()
                .anyMatch(p -> !p.inbound() && p.remote().getPort() == bPort));
    assertEquals(1, inbound(hub), "b itself stays refused inbound: one per address");

    ObjectMessage o = TestNetwork.maker(4).make(Instant.now().getEpochSecond(), 3600, 300);
    a.peers().submit(o);
    Await.until(LIMIT, "a's object reaches b through the hub", () -> has(b, o));
  }

  @Test
  void quickReconnect_takesOverTheOldConnection_otherNodesAtTheLimitAreRefused() throws Exception {
    Node hub = start("hub", List.of(), hub(1));
    HostPort at = TestNetwork.endpoint(hub);
    try (RawPeer old = new RawPeer("127.0.0.51", at);
        RawPeer again = new RawPeer("127.0.0.51", at)) {
      old.handshake();
      // The same node (same listening port) reconnects before its old connection is cleaned up.
      again.handshake();
      assertTrue(old.closedByNode(LIMIT), "the old connection gives way");
      assertAnswersPing(again);
      try (RawPeer neighbour = new RawPeer("127.0.0.51", at)) {
        neighbour.send(RawPeer.version(3, 3, Instant.now().getEpochSecond(), List.of(1L), 9_444));
        assertRefused(neighbour, "too many connections from your address");
      }
      assertAnswersPing(again);
    }
  }

  @Test
  void fullNode_withEveryPeerProtected_refusesWithAReason() throws Exception {
    Node hub = start("hub", List.of(), hub(8).withLimits(8, 2, 1000, 1000));
    HostPort at = TestNetwork.endpoint(hub);
    try (RawPeer first = new RawPeer("127.0.0.61", at);
        RawPeer second = new RawPeer("127.0.0.62", at);
        RawPeer third = new RawPeer("127.0.0.63", at)) {
      first.handshake();
      second.handshake();
      third.send(RawPeer.version(5, 3, Instant.now().getEpochSecond(), List.of(1L)));
      assertRefused(third, "server full");
      assertAnswersPing(first);
      assertAnswersPing(second);
    }
  }

  private static long inbound(Node n) {
    return n.peers().peers().stream().filter(PeerInfo::inbound).count();
  }

  private static void assertRefused(RawPeer p, String reason) throws IOException {
    Optional<Message> m;
    do {
      m = p.receive(LIMIT);
    } while (m.isPresent() && !(m.get() instanceof ErrorMessage));
    assertTrue(m.isPresent(), "a fatal error before the close");
    ErrorMessage e = (ErrorMessage) m.get();
    assertEquals(ErrorMessage.FATAL, e.fatal());
    assertTrue(e.textString().contains(reason), e.textString());
    assertTrue(p.closedByNode(LIMIT));
  }

  private static void assertAnswersPing(RawPeer p) throws IOException {
    p.send(new Ping());
    Optional<Message> m;
    do {
      m = p.receive(LIMIT);
    } while (m.isPresent() && !(m.get() instanceof Pong));
    assertTrue(m.isPresent(), "pong");
  }
}
