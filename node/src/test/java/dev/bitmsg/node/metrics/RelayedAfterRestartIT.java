package dev.bitmsg.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.net.RelayCounts;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.ObjectMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay figures tell the node's own objects apart after a restart: A makes X and receives Y
 * from B, then restarts on the same database; a fresh node D dials A and fetches both. A counts Y
 * (one inv, one getdata) and not X, because the inventory recorded X as made at A.
 */
@NetworkTest
class RelayedAfterRestartIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void ownObjectFromBeforeRestart_doesNotCountAsRelayed() throws Exception {
    Clock clock = Clock.systemUTC();
    long now = clock.instant().getEpochSecond();
    ObjectMessage x = TestNetwork.maker(5).make(now, 3600, 100);
    ObjectMessage y = TestNetwork.maker(6).make(now, 3600, 100);
    try (Node b =
        TestNetwork.start(dir.resolve("b"), 0, List.of(), TestNetwork.settings(), clock)) {
      try (Node a =
          TestNetwork.start(
              dir.resolve("a"),
              TestNetwork.CLIENT_ONLY,
              List.of(TestNetwork.endpoint(b)),
              TestNetwork.settings(),
              clock)) {
        Await.until(LIMIT, "A-B established", () -> a.peers().peers().size() == 1);
        a.peers().submit(x);
        b.peers().submit(y);
        Await.until(
            LIMIT,
            "X at B and Y at A",
            () ->
                b.inventory().contains(x.inventoryVector())
                    && a.inventory().contains(y.inventoryVector()));
      }
    }

    try (Node a = TestNetwork.start(dir.resolve("a"), 0, List.of(), TestNetwork.settings(), clock);
        Node d =
            TestNetwork.start(
                dir.resolve("d"),
                TestNetwork.CLIENT_ONLY,
                List.of(TestNetwork.endpoint(a)),
                TestNetwork.settings(),
                clock)) {
      assertTrue(a.inventory().isOwn(x.inventoryVector()), "X recorded as made at A");
      assertFalse(a.inventory().isOwn(y.inventoryVector()), "Y recorded as received");
      Await.until(
          LIMIT,
          "D fetched X and Y from A",
          () ->
              d.inventory().contains(x.inventoryVector())
                  && d.inventory().contains(y.inventoryVector()));
      Await.until(
          LIMIT,
          () -> "A's relay counts " + a.peers().relayCounts(),
          () -> a.peers().relayCounts().equals(new RelayCounts(1, 1)));
      assertEquals(new RelayCounts(0, 0), d.peers().relayCounts(), "D had no one to pass them to");
    }
  }
}
