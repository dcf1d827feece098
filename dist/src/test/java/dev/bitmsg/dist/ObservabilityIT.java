package dev.bitmsg.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator's monitoring sees, on live processes from the archive: {@code promtool check
 * metrics} is clean on the node's and the service's endpoints, a real Prometheus scrapes both, the
 * rules under {@code deploy/prometheus/} load and evaluate, and every query of every Grafana panel
 * under {@code deploy/grafana/} returns data after a message and its PoW went through.
 */
class ObservabilityIT {
  private static final Duration DATA_WITHIN = Duration.ofMinutes(2);

  @TempDir static Path dir;

  @SuppressWarnings("NullAway.Init") // set by @BeforeAll
  static LiveStack stack;

  @SuppressWarnings("NullAway.Init") // set by @BeforeAll
  static PrometheusServer prometheus;

  @BeforeAll
  static void start() throws Exception {
    Tools.require("promtool", "prometheus");
    UnpackedDist dist = UnpackedDist.unpack(Files.createDirectories(dir.resolve("dist")));
    stack = LiveStack.start(dist, dir);
    stack.sendMessageToSelf();
    prometheus =
        PrometheusServer.start(
            Files.createDirectories(dir.resolve("prometheus")),
            hostPort(stack.nodeMetrics),
            hostPort(stack.serviceMetrics),
            UnpackedDist.sourceRoot().resolve("deploy/prometheus/bitmsg.rules.yml"));
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  private static String hostPort(String url) {
    URI u = URI.create(url);
    return u.getHost() + ":" + u.getPort();
  }

  @Test
  void promtoolCheckMetrics_isCleanOnBothLiveEndpoints() throws Exception {
    Path promtool = Tools.require("promtool", "prometheus");
    int n = 0;
    for (String url : List.of(stack.nodeMetrics, stack.serviceMetrics)) {
      String page = LiveStack.scrape(url);
      assertTrue(page.contains("bitmsg_build_info{"), url + " has the build info");
      assertTrue(page.contains("jvm_memory_used_bytes"), url + " has JVM metrics");
      Path file = dir.resolve("scrape-" + n++ + ".txt");
      Files.writeString(file, page, StandardCharsets.UTF_8);
      ProcessBuilder check =
          new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(file.toFile());
      Tools.Result r = Tools.run(60, check);
      assertEquals(0, r.code(), "promtool check metrics " + url + ":\n" + r.output());
      assertEquals("", r.output().strip(), "promtool check metrics " + url + " complains");
    }
    String node = LiveStack.scrape(stack.nodeMetrics);
    assertTrue(
        node.contains("bitmsg_node_pow_seconds_count{outcome=\"ok\",provider=\"remote\"}"),
        "the node's PoW went to the service, under the bounded label:\n" + node);
    String service = LiveStack.scrape(stack.serviceMetrics);
    assertTrue(service.contains("bitmsg_pow_client_trials_total{client=\"node-a\"}"), service);
    assertFalse(service.contains("\npow_"), "every service metric has the bitmsg_ prefix");
  }

  @Test
  void prometheus_scrapesBothAndEvaluatesTheRules() throws Exception {
    awaitData(
        Map.of(
            "node up", "up{job=\"bitmsg-node\"} == 1",
            "service up", "up{job=\"bitmsg-pow-service\"} == 1",
            "node build info", "bitmsg_build_info{job=\"bitmsg-node\",program=\"node\"}",
            "service build info",
                "bitmsg_build_info{job=\"bitmsg-pow-service\",program=\"pow-service\"}",
            "recorded trial rate", "bitmsg:pow_engine_trials:rate1m"));
    JsonObject rules = prometheus.rules();
    int checked = 0;
    for (JsonElement g : rules.getAsJsonArray("groups")) {
      for (JsonElement rule : g.getAsJsonObject().getAsJsonArray("rules")) {
        JsonObject r = rule.getAsJsonObject();
        assertEquals("ok", r.get("health").getAsString(), "rule " + r.get("name") + ": " + r);
        checked++;
      }
    }
    assertTrue(checked >= 10, "the rules were loaded: " + rules);
  }

  @Test
  void everyDashboardPanelQuery_returnsData() throws Exception {
    Map<String, String> queries = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(UnpackedDist.sourceRoot().resolve("deploy/grafana"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonObject dashboard =
            JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject();
        for (JsonElement p : dashboard.getAsJsonArray("panels")) {
          JsonObject panel = p.getAsJsonObject();
          JsonArray targets = panel.getAsJsonArray("targets");
          assertTrue(targets != null && !targets.isEmpty(), f + ": panel without a query");
          for (JsonElement t : targets) {
            String expr = t.getAsJsonObject().get("expr").getAsString();
            queries.put(
                f.getFileName() + " / " + panel.get("title").getAsString() + " / " + expr,
                grafanaToPromql(expr));
          }
        }
      }
    }
    assertTrue(queries.size() >= 15, "both dashboards' queries: " + queries.keySet());
    awaitData(queries);
  }

  /** Grafana's variables as a dashboard showing every instance over the last minute sets them. */
  private static String grafanaToPromql(String expr) {
    return expr.replace("$__rate_interval", "1m")
        .replace("$__interval", "15s")
        .replace("$__range", "5m")
        .replace("$instance", ".+");
  }

  /**
   * Waits (bounded) until every query returns at least one series; fails naming those that do not.
   */
  private static void awaitData(Map<String, String> queries) throws Exception {
    long deadline = System.nanoTime() + DATA_WITHIN.toNanos();
    List<String> empty;
    do {
      empty = new ArrayList<>();
      for (Map.Entry<String, String> q : queries.entrySet()) {
        JsonObject data = prometheus.query(q.getValue());
        if (data.getAsJsonArray("result").isEmpty()) {
          empty.add(q.getKey());
        }
      }
      if (empty.isEmpty()) {
        return;
      }
      Thread.sleep(2000);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "no data within " + DATA_WITHIN + " for:\n  " + String.join("\n  ", empty));
  }
}
