package dev.bitmsg.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.api.ApiClient;
import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeSetup;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.RelayCounts;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.ObjectMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three in-process nodes in a chain over loopback, A - B - C (A and C dial B only): an object made
 * at A reaches C through B, so B relayed it once by inv and once by getdata, while A (its maker)
 * and C (the end of the chain) relayed nothing. B's figures are read from the peer group, from
 * {@code /metrics} and from the API's clientStatus.
 */
@NetworkTest
class RelayedObjectsIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void objectMadeAtA_reachesC_countsAsRelayedAtBOnly() throws Exception {
    Clock clock = Clock.systemUTC();
    NodeSetup setupB =
        TestNetwork.setup(
                TestNetwork.config(dir.resolve("b"), 0, List.of(), TestNetwork.settings()))
            .withApi(new ApiSettings("127.0.0.1", 0, "user", "pw", ApiSettings.Variant.XML, false))
            .withMetrics(new HostPort("127.0.0.1", 0));
    try (Node b = NodeAssembly.start(setupB);
        Node a =
            TestNetwork.start(
                dir.resolve("a"),
                TestNetwork.CLIENT_ONLY,
                List.of(TestNetwork.endpoint(b)),
                TestNetwork.settings(),
                clock);
        Node c =
            TestNetwork.start(
                dir.resolve("c"),
                TestNetwork.CLIENT_ONLY,
                List.of(TestNetwork.endpoint(b)),
                TestNetwork.settings(),
                clock)) {
      Await.until(
          LIMIT,
          "A-B and B-C established",
          () ->
              b.peers().peers().size() == 2
                  && a.peers().peers().size() == 1
                  && c.peers().peers().size() == 1);

      ObjectMessage object = TestNetwork.maker(3).make(clock.instant().getEpochSecond(), 3600, 100);
      a.peers().submit(object);
      Await.until(
          LIMIT, "the object reached C", () -> c.inventory().contains(object.inventoryVector()));
      Await.until(
          LIMIT,
          () -> "B's relay counts " + b.peers().relayCounts(),
          () -> b.peers().relayCounts().equals(new RelayCounts(1, 1)));
      assertEquals(new RelayCounts(0, 0), a.peers().relayCounts(), "A made the object");
      assertEquals(new RelayCounts(0, 0), c.peers().relayCounts(), "C had no one to pass it to");

      int port = b.metricsPort().orElseThrow();
      String text =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(
          text.contains("bitmsg_node_objects_relayed_total{via=\"inv\"} 1.0")
              || text.contains("bitmsg_node_objects_relayed_total{via=\"inv\"} 1\n"),
          text);
      assertTrue(
          text.contains("bitmsg_node_objects_relayed_total{via=\"getdata\"} 1.0")
              || text.contains("bitmsg_node_objects_relayed_total{via=\"getdata\"} 1\n"),
          text);

      ApiClient client =
          new ApiClient(
              URI.create("http://127.0.0.1:" + b.apiAddress().orElseThrow().getPort() + "/"),
              "user",
              "pw",
              ApiSettings.Variant.XML);
      Map<?, ?> status = (Map<?, ?>) Objects.requireNonNull(client.call("clientStatus"));
      assertEquals(1L, status.get("numberOfObjectsRelayedByInv"), status.toString());
      assertEquals(1L, status.get("numberOfObjectsRelayedByGetdata"), status.toString());
    }
  }
}
