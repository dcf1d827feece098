package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.RawPeer;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.Dinv;
import dev.bitmsg.node.wire.Inv;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.ObjectMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dandelion++ across a line of four nodes, N1 -> N2 -> N3 -> N4 (each dials the next, so each one's
 * only outbound connection, its only possible stem child, is the next), with a raw peer X connected
 * inbound to N1 as an observer. An object made at N1 stems along the line with {@code dinv} (stem
 * chance 100 %) and reaches N4 while X hears nothing of it; at N1's fluff deadline X gets the
 * {@code inv}. With Dandelion off X gets it at once.
 */
@NetworkTest
class DandelionIT {
  private static final Duration FLUFF_AFTER = Duration.ofSeconds(5);
  private static final Duration LIMIT = Duration.ofSeconds(15);

  @TempDir Path tmp;

  private static PrivacySettings dandelion(boolean on) {
    return PrivacySettings.defaults()
        .withDandelion(
            DandelionSettings.defaults()
                .withEnabled(on)
                .withStemPercent(100)
                .withFluffDelays(FLUFF_AFTER, Duration.ZERO));
  }

  private Node start(String name, List<HostPort> connect, boolean on) throws Exception {
    return NodeAssembly.start(
        TestNetwork.setup(
            TestNetwork.config(
                tmp.resolve(name), 0, connect, TestNetwork.settings(), dandelion(on))));
  }

  /** Messages X receives within {@code window} that name {@code v} (inv or dinv). */
  private static List<Message> announcementsOf(RawPeer x, InventoryVector v, Duration window)
      throws IOException {
    List<Message> out = new ArrayList<>();
    long end = System.nanoTime() + window.toNanos();
    while (System.nanoTime() < end) {
      Optional<Message> m;
      try {
        m = x.receive(Duration.ofMillis(200));
      } catch (IOException timeout) {
        continue;
      }
      if (m.isEmpty()) {
        break;
      }
      if ((m.get() instanceof Inv inv && inv.vectors().contains(v))
          || (m.get() instanceof Dinv dinv && dinv.vectors().contains(v))) {
        out.add(m.get());
      }
    }
    return out;
  }

  @Test
  void ownObject_stemsAlongTheLine_thenFluffsAtTheDeadline() throws Exception {
    try (Node n4 = start("n4", List.of(), true);
        Node n3 = start("n3", List.of(TestNetwork.endpoint(n4)), true);
        Node n2 = start("n2", List.of(TestNetwork.endpoint(n3)), true);
        Node n1 = start("n1", List.of(TestNetwork.endpoint(n2)), true);
        RawPeer x = new RawPeer("127.0.0.61", TestNetwork.endpoint(n1))) {
      x.handshake();
      Await.until(
          LIMIT,
          "the line is connected",
          () ->
              n1.peers().peers().size() == 2
                  && n2.peers().peers().size() == 2
                  && n3.peers().peers().size() == 2
                  && n4.peers().peers().size() == 1);
      ObjectMessage o = TestNetwork.maker(7).make(Instant.now().getEpochSecond(), 3600, 300);
      InventoryVector v = o.inventoryVector();
      long submitted = System.nanoTime();
      n1.peers().submit(o);

      Await.until(LIMIT, "the stem reaches N4", () -> n4.inventory().contains(v));
      Duration stemTook = Duration.ofNanos(System.nanoTime() - submitted);
      assertTrue(stemTook.compareTo(FLUFF_AFTER) < 0, "stemmed before the fluff: " + stemTook);
      assertTrue(n2.inventory().contains(v) && n3.inventory().contains(v));
      // X, N1's inbound peer, is no stem child: nothing about the object until N1 fluffs.
      Duration quiet = FLUFF_AFTER.minus(Duration.ofNanos(System.nanoTime() - submitted));
      assertTrue(
          announcementsOf(x, v, quiet.minusMillis(500)).isEmpty(),
          "X heard of the object during its stem phase");
      List<Message> later = announcementsOf(x, v, Duration.ofSeconds(5));
      assertFalse(later.isEmpty(), "X gets the object's inv at the fluff");
      assertTrue(later.get(0) instanceof Inv, "a fluff is an inv: " + later.get(0));
    }
  }

  @Test
  void off_ownObjectAnnouncedToEveryPeerAtOnce() throws Exception {
    try (Node n2 = start("m2", List.of(), false);
        Node n1 = start("m1", List.of(TestNetwork.endpoint(n2)), false);
        RawPeer x = new RawPeer("127.0.0.62", TestNetwork.endpoint(n1))) {
      x.handshake();
      Await.until(LIMIT, "connected", () -> n1.peers().peers().size() == 2);
      ObjectMessage o = TestNetwork.maker(8).make(Instant.now().getEpochSecond(), 3600, 300);
      n1.peers().submit(o);
      List<Message> got = announcementsOf(x, o.inventoryVector(), Duration.ofSeconds(2));
      assertFalse(got.isEmpty(), "X gets the inv at once");
      Await.until(LIMIT, "N2 has it", () -> n2.inventory().contains(o.inventoryVector()));
    }
  }
}
