package dev.bitmsg.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Prometheus (Debian's package) on a loopback port with a generated configuration (1 s
 * scrapes of the given node and PoW service, the rules under {@code deploy/prometheus/}) and its
 * own data directory; {@link #query} runs PromQL on it. Not thread-safe.
 */
final class PrometheusServer implements AutoCloseable {
  private final Launched process;
  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Launched process, String base) {
    this.process = process;
    this.base = base;
  }

  static PrometheusServer start(Path dir, String nodeTarget, String powTarget, Path rules)
      throws Exception {
    Path binary = Tools.require("prometheus", "prometheus");
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "global:",
            "  scrape_interval: 1s",
            "  evaluation_interval: 1s",
            "rule_files:",
            "  - '" + rules + "'",
            "scrape_configs:",
            "  - job_name: bitmsg-node",
            "    static_configs:",
            "      - targets: ['" + nodeTarget + "']",
            "  - job_name: bitmsg-pow-service",
            "    static_configs:",
            "      - targets: ['" + powTarget + "']",
            ""),
        StandardCharsets.UTF_8);
    AssertionError last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path data = Files.createDirectories(dir.resolve("data-" + attempt));
      Launched p =
          Launched.start(
              "prometheus",
              new ProcessBuilder(
                  binary.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + data,
                  "--web.listen-address=127.0.0.1:" + port,
                  "--log.level=warn"));
      PrometheusServer server = new PrometheusServer(p, "http://127.0.0.1:" + port);
      try {
        server.awaitReady(Duration.ofSeconds(90));
        return server;
      } catch (AssertionError e) {
        last = e; // the port may have been taken in between: another one
        server.close();
      }
    }
    throw last;
  }

  private void awaitReady(Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline && process.process().isAlive()) {
      try {
        HttpResponse<String> r = get("/-/ready");
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("prometheus not ready within " + limit + ":\n" + process.output());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The {@code data} object of an instant query's answer. */
  JsonObject query(String promql) throws IOException, InterruptedException {
    HttpResponse<String> r =
        get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    JsonObject body = JsonParser.parseString(r.body()).getAsJsonObject();
    assertEquals(
        "success", body.get("status").getAsString(), "query " + promql + " failed: " + r.body());
    return body.getAsJsonObject("data");
  }

  /** The {@code data} object of {@code /api/v1/rules}. */
  JsonObject rules() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/api/v1/rules");
    return JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("data");
  }

  String output() {
    return process.output();
  }

  @Override
  public void close() {
    process.close();
  }
}
