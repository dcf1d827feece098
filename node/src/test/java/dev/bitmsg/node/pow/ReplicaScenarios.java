package dev.bitmsg.node.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.PowReplica;
import dev.bitmsg.node.testing.SolveLog;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.pow.client.FailoverTiming;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the balancing and proxy tests do with three replicas and some nodes that use them: several
 * nodes send and acknowledge messages with every proof of work done remotely; a replica is killed
 * or stopped while it holds a node's job, and the job finishes on another one, the message
 * delivered once. Each search of the nodes is recorded ({@link SolveLog}). Closes its nodes.
 */
final class ReplicaScenarios implements AutoCloseable {
  static final Duration LIMIT = Duration.ofMinutes(2);

  /**
   * The client's clocks with a longer wait for a first report than in production: on a test machine
   * loaded by other builds, a cold replica's first call can take many seconds. Stalls are detected
   * as in production (5 s of silence).
   */
  static final FailoverTiming TIMING =
      FailoverTiming.defaults()
          .withStall(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(60));

  /** How a replica fails. */
  enum Failure {
    KILL,
    STOP
  }

  private final Path dir;
  private final List<PowReplica> replicas;
  private final NodeConfig.PowService service;
  private final String via;
  private final SolveLog log = new SolveLog();
  private final List<Node> nodes = new ArrayList<>();

  /**
   * @param service how the nodes reach the replicas (their addresses, or a proxy's)
   * @param via what the tests are called in the printed figures
   */
  ReplicaScenarios(Path dir, List<PowReplica> replicas, NodeConfig.PowService service, String via) {
    this.dir = dir;
    this.replicas = replicas;
    this.service = service;
    this.via = via;
  }

  Node node(String name, List<HostPort> connect) throws IOException, InterruptedException {
    NodeConfig c =
        new NodeConfig(
            dir.resolve(name),
            Optional.of(new HostPort("127.0.0.1", 0)),
            connect,
            false,
            Optional.of(service),
            TestNetwork.settings(),
            Duration.ofMinutes(10));
    Node n =
        NodeAssembly.start(
            TestNetwork.setup(c).withMessaging(TestNetwork.messaging()).withPowWrapper(log::wrap));
    nodes.add(n);
    return n;
  }

  /**
   * Nodes A and C each send B a message and get its ack: pubkeys, getpubkeys, msgs and acks of
   * three nodes, every one done remotely; returns the recorded searches.
   */
  List<String> severalNodesSend() throws Exception {
    Node b = node("b", List.of());
    Node a = node("a", List.of(TestNetwork.endpoint(b)));
    Node c = node("c", List.of(TestNetwork.endpoint(b)));
    // Connected first: the nodes' PoW clients, opened at start, get a moment to reach every
    // replica before the first job, as a running node's would have.
    Await.until(LIMIT, "a and c connected to b", () -> b.peers().peers().size() == 2);
    String to = b.messenger().text(b.messenger().createRandom("b"));
    long t0 = System.nanoTime();
    long fromA = a.messenger().send(address(a, "a"), to, "from a", "via " + via, 3600);
    long fromC = c.messenger().send(address(c, "c"), to, "from c", "via " + via, 3600);
    Await.until(LIMIT, () -> "a's msg acked, now " + status(a, fromA), () -> acked(a, fromA));
    Await.until(LIMIT, () -> "c's msg acked, now " + status(c, fromC), () -> acked(c, fromC));
    System.out.printf(
        Locale.ROOT,
        "e2e %s: two nodes sent a node a message each, acked, %d searches by the service in %d"
            + " ms%n",
        via,
        log.size(),
        (System.nanoTime() - t0) / 1_000_000);
    assertEquals(2, b.messenger().inbox().size());
    List<String> all = log.all();
    assertTrue(all.size() >= 6, all.toString());
    for (String by : all) {
      assertTrue(by.startsWith("remote 127.0.0."), by);
      assertFalse(by.contains("fallback"), by);
    }
    return all;
  }

  /**
   * A sends B a first message (pubkeys known, connections up); then every replica holds a blocker,
   * so A's next job waits on whichever replica got it; that replica is killed or stopped, the
   * others let go, and the job finishes on one of them: the second message arrives once, acked, no
   * search fell back to the CPU. Returns the replica that failed and the searches after it failed.
   */
  Outcome replicaFailsMidJob(Failure failure) throws Exception {
    Node b = node("b", List.of());
    Node a = node("a", List.of(TestNetwork.endpoint(b)));
    String from = address(a, "a");
    String to = b.messenger().text(b.messenger().createRandom("b"));
    long first = a.messenger().send(from, to, "first", "warm-up", 3600);
    Await.until(LIMIT, () -> "first msg acked, now " + status(a, first), () -> acked(a, first));
    List<AutoCloseable> blockers = new ArrayList<>();
    for (PowReplica r : replicas) {
      blockers.add(r.holdBlocker());
    }
    Await.until(
        LIMIT,
        "a blocker running on every replica",
        () -> replicas.stream().allMatch(r -> r.openJobs() == 1));
    long second = a.messenger().send(from, to, "second", "survives a replica " + failure, 3600);
    PowReplica[] working = new PowReplica[1];
    Await.until(
        LIMIT,
        () -> "a's next job queued on a replica, now " + status(a, second),
        () -> {
          for (PowReplica r : replicas) {
            if (r.openJobs() == 2) {
              working[0] = r;
              return true;
            }
          }
          return false;
        });
    PowReplica failed = working[0];
    int before = log.size();
    long t0 = System.nanoTime();
    if (failure == Failure.KILL) {
      failed.kill();
    } else {
      failed.stop();
    }
    for (int i = 0; i < replicas.size(); i++) {
      if (replicas.get(i) != failed) {
        blockers.get(i).close();
      }
    }
    Await.until(LIMIT, () -> "second msg acked, now " + status(a, second), () -> acked(a, second));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf(
        Locale.ROOT,
        "e2e %s: replica %s %s while it held a node's job; the job finished elsewhere, msg acked"
            + " %d ms after the failure%n",
        via,
        failed.endpoint(),
        failure == Failure.KILL ? "killed (SIGKILL)" : "stopped (SIGSTOP)",
        ms);
    assertEquals(2, b.messenger().inbox().size(), "each message delivered exactly once");
    assertEquals(2, a.messenger().outbox().size());
    List<String> after = log.since(before);
    assertFalse(after.isEmpty());
    for (String by : after) {
      assertFalse(by.contains("fallback"), "no CPU fallback: " + after);
      assertTrue(by.startsWith("remote "), by);
    }
    return new Outcome(failed, after);
  }

  /** The replica that failed and the searches after its failure. */
  record Outcome(PowReplica failed, List<String> after) {}

  private static String address(Node n, String label) {
    return n.messenger().text(n.messenger().createRandom(label));
  }

  private static SendStatus status(Node n, long id) {
    return n.messenger().status(id).orElseThrow().entry().status();
  }

  private static boolean acked(Node n, long id) {
    return status(n, id) == SendStatus.ACK_RECEIVED;
  }

  @Override
  public void close() {
    for (Node n : nodes) {
      n.close();
    }
  }
}
