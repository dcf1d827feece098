package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.api.ApiClient;
import dev.bitmsg.node.api.ApiCredentials;
import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.HarderPow;
import dev.bitmsg.node.testing.TestNetwork;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live progress of a pubkey's proof of work: the node's CPU search is made 2^40 times harder than
 * asked, so it is still running while listPubkeyWork, {@code bm pubkey-work} and /metrics are read
 * (trials, rate, expected trials, ETA, who works; one pending pubkey job).
 */
class PubkeyWorkProgressTest {
  @TempDir Path dir;

  @Test
  void runningPubkeyPow_showsTrialsRateEtaAndProvider() throws Exception {
    NodeSetup setup =
        TestNetwork.setup(dir.resolve("n"), 0, List.of())
            .withPowWrapper(p -> new HarderPow(p, 40))
            .withApi(new ApiSettings("127.0.0.1", 0, "cli", "pw", ApiSettings.Variant.XML, false))
            .withMetrics(new HostPort("127.0.0.1", 0));
    NodeConfig config = setup.config();
    try (Node node = NodeAssembly.start(setup)) {
      String url = "http://127.0.0.1:" + node.apiAddress().orElseThrow().getPort() + "/";
      ApiCredentials.write(
          config.dataDir(),
          new ApiCredentials.Connection(url, "cli", Optional.of("pw"), ApiSettings.Variant.XML));
      ApiClient client = new ApiClient(URI.create(url), "cli", "pw", ApiSettings.Variant.XML);
      String me = node.messenger().text(node.messenger().createRandom("me"));

      AtomicReference<Map<?, ?>> job = new AtomicReference<>(Map.of());
      Await.until(
          Duration.ofSeconds(60),
          () -> "a measured rate in " + job.get(),
          () -> {
            Map<?, ?> row = only(client.call("listPubkeyWork"));
            job.set(row);
            return row.get("trialsPerSecond") instanceof Double r && r > 0;
          });
      Map<?, ?> j = Objects.requireNonNull(job.get());
      assertEquals("doingpow", j.get("status"));
      assertEquals(me, j.get("address"));
      assertTrue(number(j, "trials") > 0, j.toString());
      assertTrue(number(j, "expectedTrials") > 0, j.toString());
      assertTrue(number(j, "etaSeconds") >= 0, j.toString());
      assertEquals(node.messenger().powProvider(), j.get("powBy"));

      CommandRunner.Result listed =
          CommandRunner.run("pubkey-work", "--data", config.dataDir().toString());
      assertEquals(0, listed.exit(), listed.err());
      assertTrue(
          listed.out().contains("doing PoW")
              && listed.out().contains("ETA")
              && listed.out().contains("by " + node.messenger().powProvider()),
          listed.out());

      int port = node.metricsPort().orElseThrow();
      String text =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(text.contains("bitmsg_node_pubkey_work_pending{kind=\"pubkey\"} 1"), text);
    }
  }

  private static double number(Map<?, ?> row, String key) {
    return ((Number) Objects.requireNonNull(row.get(key), key)).doubleValue();
  }

  private static Map<?, ?> only(@Nullable Object answer) {
    List<?> rows =
        (List<?>)
            Objects.requireNonNull(((Map<?, ?>) Objects.requireNonNull(answer)).get("pubkeyWork"));
    assertEquals(1, rows.size(), String.valueOf(rows));
    return (Map<?, ?>) rows.get(0);
  }
}
