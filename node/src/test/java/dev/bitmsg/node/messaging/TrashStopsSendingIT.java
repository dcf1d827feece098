package dev.bitmsg.node.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.PowGate;
import dev.bitmsg.node.testing.TestNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyBitmessage's worker sends only rows still in the sent folder: here a broadcast trashed while
 * its proof of work is under way (held by a {@link PowGate}) has that work cancelled, and one
 * trashed while queued behind it is never started; neither is ever published, while a broadcast
 * made after them reaches the subscriber on the other node.
 */
@NetworkTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TrashStopsSendingIT {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private final List<Node> nodes = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void close() {
    for (Node n : nodes) {
      n.close();
    }
  }

  private static OutboxEntry row(Node n, long id) {
    return n.messenger().status(id).orElseThrow().entry();
  }

  private static long countInbox(Node n, String subject) {
    return n.messenger().inbox().stream()
        .filter(e -> n.messenger().content(e).subject().equals(subject))
        .count();
  }

  @Test
  void trashedBroadcastsAreNeverPublished() throws Exception {
    PowGate gate = new PowGate();
    Node a =
        NodeAssembly.start(
            TestNetwork.setup(dir.resolve("a"), 0, List.of()).withPowWrapper(gate::wrap));
    nodes.add(0, a);
    Node b =
        NodeAssembly.start(
            TestNetwork.setup(dir.resolve("b"), 0, List.of(TestNetwork.endpoint(a))));
    nodes.add(0, b);
    // an identity stored without publishing its pubkey: the gate holds only the broadcasts
    CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(3));
    Identity news =
        new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random())
            .random(4, 1, false, "news");
    a.messenger().importIdentity(news);
    String addr = a.messenger().text(news);
    b.messenger().subscribe(addr, "feed");

    long inPow = a.messenger().broadcast(addr, "trashed in pow", "x", 3600);
    Await.until(LIMIT, "PoW under way", () -> row(a, inPow).status() == SendStatus.DOING_POW);
    long queued = a.messenger().broadcast(addr, "trashed while queued", "y", 3600);
    assertTrue(a.messenger().trash(queued, true));
    assertTrue(a.messenger().trash(inPow, true));
    gate.open();
    long after = a.messenger().broadcast(addr, "after", "z", 3600);
    Await.until(LIMIT, "the later broadcast at B", () -> countInbox(b, "after") == 1);

    for (long id : List.of(inPow, queued)) {
      OutboxEntry e = row(a, id);
      assertTrue(e.trashed());
      assertEquals(SendStatus.QUEUED, e.status(), e.toString());
      assertTrue(
          a.messenger().history(id).stream().noneMatch(c -> c.status() == SendStatus.SENT_NO_ACK),
          () -> a.messenger().history(id).toString());
    }
    assertTrue(
        a.messenger().history(queued).stream().noneMatch(c -> c.status() == SendStatus.DOING_POW),
        () -> a.messenger().history(queued).toString());
    assertEquals(SendStatus.SENT_NO_ACK, row(a, after).status());
    assertEquals(0, countInbox(b, "trashed in pow"));
    assertEquals(0, countInbox(b, "trashed while queued"));
  }
}
