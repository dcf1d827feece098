package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.ObjectMaker;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.ObjectMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nodes on real loopback sockets: a chain A <- B <- C <- D (D client-only), objects injected at
 * every node reach all of them, a late node catches up, a restarted node keeps its inventory and
 * resumes syncing.
 */
@NetworkTest
class NodeNetworkIT {
  private static final Logger log = LoggerFactory.getLogger(NodeNetworkIT.class);
  private static final Duration LIMIT = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void closeAll() {
    for (Node n : nodes) {
      n.close();
    }
  }

  private Node start(String name, int port, List<HostPort> connect)
      throws IOException, InterruptedException {
    Node n =
        TestNetwork.start(
            tmp.resolve(name), port, connect, TestNetwork.settings(), Clock.systemUTC());
    nodes.add(n);
    return n;
  }

  private static void awaitAll(List<Node> nodes, List<ObjectMessage> objects) {
    for (Node n : nodes) {
      for (ObjectMessage o : objects) {
        InventoryVector v = o.inventoryVector();
        Await.until(
            LIMIT,
            () -> "object " + v + " at node " + n.listenAddress(),
            () -> n.inventory().contains(v));
      }
    }
  }

  @Test
  void objectsInjectedAnywhere_reachEveryNode_lateJoinerCatchesUp_restartKeepsInventory()
      throws Exception {
    Node a = start("a", 0, List.of());
    Node b = start("b", 0, List.of(TestNetwork.endpoint(a)));
    Node c = start("c", 0, List.of(TestNetwork.endpoint(b)));
    Node d = start("d", TestNetwork.CLIENT_ONLY, List.of(TestNetwork.endpoint(c)));
    assertTrue(d.listenAddress().isEmpty());
    Await.until(
        LIMIT,
        "chain connected",
        () ->
            a.peers().peers().size() >= 1
                && b.peers().peers().size() >= 2
                && c.peers().peers().size() >= 2
                && d.peers().peers().size() == 1);

    ObjectMaker maker = TestNetwork.maker(7);
    long now = Clock.systemUTC().instant().getEpochSecond();
    List<ObjectMessage> objects = new ArrayList<>();
    List<Node> chain = List.of(a, b, c, d);
    for (int k = 0; k < 25 * chain.size(); k++) {
      objects.add(maker.make(now, 3600, 200 + 10 * (k % 25)));
    }
    long t0 = System.nanoTime();
    for (int k = 0; k < objects.size(); k++) {
      Node at = chain.get(k % chain.size()); // injected round-robin at every node
      assertEquals(ObjectIngest.Outcome.STORED, at.peers().submit(objects.get(k)).outcome());
    }
    awaitAll(chain, objects);
    log.info(
        "sync: {} objects reached 4 nodes in {} ms",
        objects.size(),
        (System.nanoTime() - t0) / 1_000_000);
    for (Node n : chain) {
      assertEquals(objects.size(), n.inventory().count());
    }

    // A node joining late gets everything from the big inv.
    long t1 = System.nanoTime();
    Node e = start("e", 0, List.of(TestNetwork.endpoint(a)));
    awaitAll(List.of(e), objects);
    log.info(
        "sync: late node caught up with {} objects in {} ms",
        objects.size(),
        (System.nanoTime() - t1) / 1_000_000);

    // Restart C on the same port: it keeps its inventory and D reconnects to it.
    HostPort cEndpoint = TestNetwork.endpoint(c);
    c.close();
    nodes.remove(c);
    Await.until(LIMIT, "D notices C is gone", () -> d.peers().peers().isEmpty());
    ObjectMessage whileDown = maker.make(now, 3600, 150);
    a.peers().submit(whileDown);
    Node c2 = start("c", cEndpoint.port(), List.of(TestNetwork.endpoint(b)));
    assertTrue(c2.inventory().count() >= objects.size(), "restarted node kept its inventory");
    objects.add(whileDown);
    awaitAll(List.of(a, b, c2, d, e), objects);
  }
}
