package dev.bitmsg.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A PoW service and a node started from the unpacked archive on loopback, both serving {@code
 * /metrics}, the node doing its PoW (at the network's difficulty) through the service under a
 * bearer token (client {@code node-a}); {@link #sendMessageToSelf()} makes traffic for both. Not
 * thread-safe.
 */
final class LiveStack implements AutoCloseable {
  static final String PASSWORD = "live-stack-password";
  private static final Duration START = Duration.ofMinutes(3);

  final Launched service;
  final Launched node;
  final String serviceMetrics;
  final String nodeMetrics;
  final String api;

  private LiveStack(
      Launched service, Launched node, String serviceMetrics, String nodeMetrics, String api) {
    this.service = service;
    this.node = node;
    this.serviceMetrics = serviceMetrics;
    this.nodeMetrics = nodeMetrics;
    this.api = api;
  }

  static LiveStack start(UnpackedDist dist, Path dir) throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Path tokens = work.resolve("pow-tokens");
    String token = "live-stack-token-0123456789";
    Files.writeString(tokens, token + " node-a weight=1\n", StandardCharsets.UTF_8);
    Path tokenFile = work.resolve("pow-token");
    Files.writeString(tokenFile, token + "\n", StandardCharsets.UTF_8);
    Launched service =
        Launched.start(
            "pow-service",
            dist.bm(
                work,
                "pow-service",
                "--listen",
                "127.0.0.1:0",
                "--engines",
                "cpu",
                "--tokens",
                tokens.toString(),
                "--metrics",
                "127.0.0.1:0"));
    Launched node = null;
    try {
      String grpc =
          service
              .awaitLine(Pattern.compile("ProofOfWork on (127\\.0\\.0\\.1:\\d+) \\("), START)
              .group(1);
      String serviceMetrics =
          service.awaitLine(Pattern.compile("metrics on (http://\\S+/metrics)"), START).group(1);
      service.awaitLine(Pattern.compile("health SERVING"), START);
      ProcessBuilder pb =
          dist.bm(
              work,
              "node",
              "--data",
              work.resolve("node").toString(),
              "--listen",
              "127.0.0.1:0",
              "--no-bootstrap",
              "--api",
              "127.0.0.1:0",
              "--metrics",
              "127.0.0.1:0",
              "--pow-service",
              grpc,
              "--pow-token-file",
              tokenFile.toString());
      pb.environment().put("BM_API_PASSWORD", PASSWORD);
      node = Launched.start("node", pb);
      String api = node.awaitLine(Pattern.compile("API: (http://\\S+/)"), START).group(1);
      String nodeMetrics =
          node.awaitLine(Pattern.compile("metrics: (http://\\S+/metrics)"), START).group(1);
      node.awaitLine(Pattern.compile("listening: "), START);
      return new LiveStack(service, node, serviceMetrics, nodeMetrics, api);
    } catch (Exception | AssertionError e) {
      if (node != null) {
        node.close();
      }
      service.close();
      throw e;
    }
  }

  /**
   * A new address sends a message to itself; returns once the node reports it sent. Both the pubkey
   * and the message are worked by the service.
   */
  void sendMessageToSelf() throws Exception {
    String address =
        XmlRpc.firstString(
            XmlRpc.call(api, "bitmsg", PASSWORD, "createRandomAddress", b64("live")));
    String ack =
        XmlRpc.firstString(
            XmlRpc.call(
                api,
                "bitmsg",
                PASSWORD,
                "sendMessage",
                address,
                address,
                b64("subject"),
                b64("body")));
    long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
    String status = "";
    while (System.nanoTime() < deadline) {
      status = XmlRpc.firstString(XmlRpc.call(api, "bitmsg", PASSWORD, "getStatus", ack));
      if (status.equals("msgsentnoackexpected") || status.equals("ackreceived")) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("the message did not go out (status " + status + ")");
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The text of a {@code /metrics} page. */
  static String scrape(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertTrue(r.statusCode() == 200, url + " answered " + r.statusCode());
    return r.body();
  }

  @Override
  public void close() {
    node.close();
    service.close();
  }
}
