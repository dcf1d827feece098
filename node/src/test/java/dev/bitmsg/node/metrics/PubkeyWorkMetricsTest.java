package dev.bitmsg.node.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.testing.MetricsScrape;
import dev.bitmsg.node.testing.TestNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrapes /metrics over loopback while a node publishes its new address's pubkey and asks for the
 * pubkey of an address it cannot reach (made by a second node that is not connected): the
 * finished-work counter shows one sent pubkey and one sent getpubkey, nothing pending after.
 */
class PubkeyWorkMetricsTest {
  @TempDir Path dir;

  private Node node(String name) throws IOException, InterruptedException {
    return NodeAssembly.start(
        TestNetwork.setup(dir.resolve(name), 0, List.of())
            .withMetrics(new HostPort("127.0.0.1", 0)));
  }

  @Test
  void pubkeyAndGetpubkeyWorkIsCountedByKindAndOutcome() throws Exception {
    try (Node a = node("a");
        Node far = node("far")) {
      String bob = far.messenger().text(far.messenger().createRandom("bob"));
      int port = a.metricsPort().orElseThrow();
      MetricsScrape scrape = new MetricsScrape(port);
      String before = scrape.once();
      assertTrue(
          before.contains(
              "bitmsg_node_pubkey_work_finished_total{kind=\"pubkey\",outcome=\"sent\"} 0"),
          before);
      assertTrue(before.contains("bitmsg_node_pubkey_work_pending{kind=\"getpubkey\"} 0"), before);

      String me = a.messenger().text(a.messenger().createRandom("me"));
      a.messenger().send(me, bob, "s", "b", 3600);
      scrape.until(
          page ->
              page.contains(
                      "bitmsg_node_pubkey_work_finished_total{kind=\"pubkey\",outcome=\"sent\"} 1")
                  && page.contains(
                      "bitmsg_node_pubkey_work_finished_total{kind=\"getpubkey\",outcome=\"sent\"} 1"));
      // A fresh page: the registry collects its metrics in no fixed order, so the page that first
      // shows a counter may hold a pending gauge read just before the job's end was stored. The
      // counter goes up after that is stored, so any page scraped from now on sees it.
      String t = scrape.once();
      assertTrue(
          t.contains(
              "bitmsg_node_pubkey_work_finished_total{kind=\"getpubkey\",outcome=\"dropped\"} 0"),
          t);
      assertTrue(t.contains("bitmsg_node_pubkey_work_pending{kind=\"pubkey\"} 0"), t);
      assertTrue(t.contains("bitmsg_node_pubkey_work_pending{kind=\"getpubkey\"} 0"), t);
      assertTrue(t.contains("bitmsg_node_sent_messages{status=\"awaitingpubkey\"} 1"), t);
    }
  }
}
