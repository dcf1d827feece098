package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeSetup;
import dev.bitmsg.node.app.ObjectMaker;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.MetricsScrape;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.TestNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traffic limits on a bulk sync between two loopback nodes: a node that joins a peer holding
 * about 600 KB of objects reads them no faster than its download limit allows (within 10 %), and a
 * node with an upload limit serves them no faster; the byte counters show in {@code /metrics}. This
 * is a limit check, not a speed figure: the bound is on the fast side, the slow side only has to be
 * plausible (half the limit).
 */
@NetworkTest
class TrafficLimitIT {
  private static final int OBJECTS = 200;
  private static final int PAYLOAD = 3_000;
  private static final long LIMIT_KB = 150;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;

  private static PrivacySettings limits(long upKb, long downKb) {
    return PrivacySettings.defaults()
        .withDandelion(DandelionSettings.defaults().withEnabled(false))
        .withTraffic(TrafficLimits.ofKilobytes(upKb, downKb));
  }

  private Node holder(String name, PrivacySettings privacy) throws Exception {
    Node n =
        NodeAssembly.start(
            TestNetwork.setup(
                TestNetwork.config(
                    tmp.resolve(name), 0, List.of(), TestNetwork.settings(), privacy)));
    ObjectMaker maker = TestNetwork.maker(11);
    long now = Instant.now().getEpochSecond();
    for (int i = 0; i < OBJECTS; i++) {
      n.peers().submit(maker.make(now, 3600, PAYLOAD));
    }
    return n;
  }

  /**
   * Bytes per second {@code reader} read (or {@code source} wrote) while syncing everything, from
   * {@code start} (before the reader started: it connects while it starts).
   */
  private double syncRate(long start, Node source, Node reader, boolean readerSide) {
    Await.until(WAIT, "bulk sync done", () -> reader.inventory().count() >= OBJECTS);
    double seconds = (System.nanoTime() - start) / 1e9;
    TrafficCounts t = readerSide ? reader.peers().traffic() : source.peers().traffic();
    long bytes = readerSide ? t.bytesRead() : t.bytesWritten();
    return bytes / seconds;
  }

  private static void assertWithinLimit(double rate, String what) {
    double limit = LIMIT_KB * 1024.0;
    System.out.printf(
        java.util.Locale.ROOT,
        "traffic limit: %s %.0f B/s against a limit of %.0f B/s (%.1f %%)%n",
        what,
        rate,
        limit,
        100 * rate / limit);
    assertTrue(
        rate <= limit * 1.10, what + " rate " + (long) rate + " B/s over the limit " + limit);
    assertTrue(rate >= limit * 0.5, what + " rate " + (long) rate + " B/s implausibly slow");
  }

  @Test
  void downloadLimit_holdsOnABulkSync_andBytesShowInMetrics() throws Exception {
    try (Node a = holder("a", limits(0, 0))) {
      NodeSetup setup =
          TestNetwork.setup(
                  TestNetwork.config(
                      tmp.resolve("b"),
                      TestNetwork.CLIENT_ONLY,
                      List.of(TestNetwork.endpoint(a)),
                      TestNetwork.settings(),
                      limits(0, LIMIT_KB)))
              .withMetrics(new HostPort("127.0.0.1", 0));
      long start = System.nanoTime();
      try (Node b = NodeAssembly.start(setup)) {
        double rate = syncRate(start, a, b, true);
        assertWithinLimit(rate, "download");
        String metrics =
            new MetricsScrape(b.metricsPort().getAsInt())
                .until(m -> m.contains("bitmsg_node_peer_bytes_total{direction=\"in\"}"));
        assertTrue(metrics.contains("bitmsg_node_peer_bytes_total{direction=\"out\"}"), metrics);
      }
    }
  }

  @Test
  void uploadLimit_holdsOnABulkSync() throws Exception {
    Node a = holder("u", limits(LIMIT_KB, 0));
    long start = System.nanoTime();
    try (a;
        Node b =
            NodeAssembly.start(
                TestNetwork.setup(
                    TestNetwork.config(
                        tmp.resolve("v"),
                        TestNetwork.CLIENT_ONLY,
                        List.of(TestNetwork.endpoint(a)),
                        TestNetwork.settings(),
                        limits(0, 0))))) {
      assertWithinLimit(syncRate(start, a, b, false), "upload");
    }
  }
}
