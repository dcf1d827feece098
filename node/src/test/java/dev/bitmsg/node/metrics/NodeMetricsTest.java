package dev.bitmsg.node.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.messaging.MessagingSettings;
import dev.bitmsg.node.net.Await;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.TestNetwork;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scrapes a node's /metrics over loopback while it publishes a pubkey and sends to itself (eased PoW). */
class NodeMetricsTest {
  @TempDir Path dir;

  @Test
  void metricsFollowTheNode() throws Exception {
    NodeConfig config = new NodeConfig(dir, Optional.of(new HostPort("127.0.0.1", 0)), List.of(), false,
        Optional.empty(), Optional.empty(), TestNetwork.settings(), Duration.ofMinutes(10));
    try (Node node = Node.start(config, TestNetwork.params(), TestNetwork.pow(), Clock.systemUTC(),
            MessagingSettings.defaults().withEaseBits(TestNetwork.EASE_BITS).withCheckInterval(Duration.ofMillis(200)),
            Optional.empty());
        NodeMetrics metrics = new NodeMetrics(node)) {
      int port = metrics.serve("127.0.0.1", 0);
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
      String me = node.messenger().text(node.messenger().createRandom("me"));
      node.messenger().send(me, me, "s", "b", 3600);
      AtomicReference<String> last = new AtomicReference<>("");
      Await.until(Duration.ofSeconds(60), () -> "metrics:\n" + last.get(), () -> {
        try {
          last.set(http.send(get, HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        String t = String.valueOf(last.get());
        return t.contains("bitmsg_node_objects_stored_total{type=\"pubkey\"} 1")
            && t.contains("bitmsg_node_objects_stored_total{type=\"msg\"} 1")
            && t.contains("bitmsg_node_inbox_messages 1")
            && t.contains("bitmsg_node_sent_messages{status=\"msgsentnoackexpected\"} 1");
      });
      String t = String.valueOf(last.get());
      assertTrue(t.contains("bitmsg_node_connections{direction=\"inbound\"} 0"), t);
      assertTrue(t.matches("(?s).*bitmsg_node_pow_seconds_count\\{outcome=\"ok\",provider=\"[^\"]+\"} [2-9].*"), t);
      assertTrue(t.contains("bitmsg_node_inventory_objects 2"), t);
    }
  }
}
