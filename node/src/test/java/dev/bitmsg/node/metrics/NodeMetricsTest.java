package dev.bitmsg.node.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeSetup;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.testing.MetricsScrape;
import dev.bitmsg.node.testing.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrapes a node's /metrics over loopback while it publishes a pubkey and sends to itself (eased
 * PoW).
 */
class NodeMetricsTest {
  @TempDir Path dir;

  @Test
  void metricsFollowTheNode() throws Exception {
    NodeSetup setup =
        TestNetwork.setup(dir, 0, List.of()).withMetrics(new HostPort("127.0.0.1", 0));
    try (Node node = NodeAssembly.start(setup)) {
      int port = node.metricsPort().orElseThrow();
      MetricsScrape scrape = new MetricsScrape(port);
      String me = node.messenger().text(node.messenger().createRandom("me"));
      node.messenger().send(me, me, "s", "b", 3600);
      String t =
          scrape.until(
              page ->
                  page.contains("bitmsg_node_objects_stored_total{type=\"pubkey\"} 1")
                      && page.contains("bitmsg_node_objects_stored_total{type=\"msg\"} 1")
                      && page.contains("bitmsg_node_inbox_messages 1")
                      && page.contains(
                          "bitmsg_node_sent_messages{status=\"msgsentnoackexpected\"} 1"));
      assertTrue(t.contains("bitmsg_node_connections{direction=\"inbound\"} 0"), t);
      assertTrue(
          t.matches(
              "(?s).*bitmsg_node_pow_seconds_count\\{outcome=\"ok\",provider=\"cpu\"} [2-9].*"),
          t);
      assertTrue(t.contains("bitmsg_build_info{commit=\""), t);
      assertTrue(t.contains("program=\"node\""), t);
      assertTrue(t.contains("jvm_memory_used_bytes{area=\"heap\"}"), t);
      assertTrue(t.contains("bitmsg_node_inventory_objects 2"), t);
    }
  }
}
