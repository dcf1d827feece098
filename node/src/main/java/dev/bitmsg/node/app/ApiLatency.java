package dev.bitmsg.node.app;

import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.api.XmlRpcCodec;
import dev.bitmsg.node.rpc.JsonValues;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times client API calls as a client sees them: one HTTP POST over loopback with the API
 * credentials, from the first byte sent to the last byte of the answer read (parsing the answer is
 * the client's business and not timed). Thread-compatible (one caller).
 */
final class ApiLatency {
  /** Latency percentiles of one call, in milliseconds, and the answer size of the last call. */
  record Figures(double p50Ms, double p99Ms, int calls, int answerBytes) {}

  private final URI uri;
  private final String authorization;
  private final ApiSettings.Variant variant;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final XmlRpcCodec xml = new XmlRpcCodec();

  ApiLatency(URI uri, String user, String password, ApiSettings.Variant variant) {
    this.uri = uri;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.variant = variant;
  }

  /**
   * Runs {@code method} {@code warmUp} times untimed, then {@code calls} times timed, each call
   * with the next of {@code params} (cycled).
   *
   * @throws IllegalStateException when the API answers other than HTTP 200 or with a fault
   */
  Figures measure(String method, List<List<Object>> params, int warmUp, int calls)
      throws IOException, InterruptedException {
    double[] ms = new double[calls];
    int size = 0;
    for (int i = 0; i < warmUp + calls; i++) {
      HttpRequest request = request(method, params.get(i % params.size()));
      long t0 = System.nanoTime();
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      long t = System.nanoTime() - t0;
      check(method, r);
      size = r.body().length;
      if (i >= warmUp) {
        ms[i - warmUp] = t / 1e6;
      }
    }
    Arrays.sort(ms);
    return new Figures(percentile(ms, 0.50), percentile(ms, 0.99), calls, size);
  }

  /** The nearest-rank percentile {@code q} of sorted values. */
  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private HttpRequest request(String method, List<Object> params) {
    byte[] body;
    if (variant == ApiSettings.Variant.XML) {
      body = xml.encodeCall(method, params);
    } else {
      Map<String, Object> req = new LinkedHashMap<>();
      req.put("jsonrpc", "2.0");
      req.put("method", method);
      req.put("params", params);
      req.put("id", 1L);
      body = JsonValues.write(req).getBytes(StandardCharsets.UTF_8);
    }
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofMinutes(5))
        .header("Authorization", authorization)
        .header(
            "Content-Type", variant == ApiSettings.Variant.XML ? "text/xml" : "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static void check(String method, HttpResponse<byte[]> r) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException(method + " answered HTTP " + r.statusCode());
    }
    // A fault names itself early in either variant; the answers timed here are never faults.
    String head = new String(r.body(), 0, Math.min(r.body().length, 200), StandardCharsets.UTF_8);
    if (head.contains("<fault>") || head.contains("\"error\": {") || head.contains("\"error\":{")) {
      throw new IllegalStateException(method + " answered a fault: " + head);
    }
  }
}
