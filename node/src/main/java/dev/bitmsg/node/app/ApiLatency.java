package dev.bitmsg.node.app;

import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.api.XmlRpcCodec;
import dev.bitmsg.node.rpc.Json;
import java.io.IOException;
import java.io.InputStream;
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
 * the client's business and not timed). Answers are read as a stream and never held, so that this
 * client adds nothing to the memory of the process it shares with the node. Thread-compatible (one
 * caller).
 */
final class ApiLatency {
  /** Latency percentiles of one call, in milliseconds, and the answer size of the last call. */
  record Figures(double p50Ms, double p99Ms, int calls, long answerBytes) {}

  /** An answer read to its end: its size and how often the needle occurred in it. */
  private record Answer(long bytes, long needles) {}

  private static final byte[] NO_NEEDLE = new byte[0];
  private static final int HEAD = 200;

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
    long size = 0;
    for (int i = 0; i < warmUp + calls; i++) {
      HttpRequest request = request(method, params.get(i % params.size()));
      long t0 = System.nanoTime();
      Answer a = read(method, request, NO_NEEDLE);
      long t = System.nanoTime() - t0;
      size = a.bytes();
      if (i >= warmUp) {
        ms[i - warmUp] = t / 1e6;
      }
    }
    Arrays.sort(ms);
    return new Figures(percentile(ms, 0.50), percentile(ms, 0.99), calls, size);
  }

  /**
   * How many times the member name {@code msgid} occurs in the answer to {@code method} (called
   * without parameters): the number of messages a listing answered, counted without parsing.
   */
  long countMsgids(String method) throws IOException, InterruptedException {
    return read(method, request(method, List.of()), "msgid".getBytes(StandardCharsets.US_ASCII))
        .needles();
  }

  /** Sends {@code request} and reads the answer to its end, counting {@code needle}. */
  private Answer read(String method, HttpRequest request, byte[] needle)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      if (r.statusCode() != 200) {
        throw new IllegalStateException(method + " answered HTTP " + r.statusCode());
      }
      byte[] buf = new byte[1 << 16];
      byte[] head = new byte[HEAD];
      long total = 0;
      long found = 0;
      int matched = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        if (total < HEAD) {
          System.arraycopy(buf, 0, head, (int) total, (int) Math.min(n, HEAD - total));
        }
        total += n;
        for (int i = 0; i < n && needle.length > 0; i++) {
          matched = buf[i] == needle[matched] ? matched + 1 : (buf[i] == needle[0] ? 1 : 0);
          if (matched == needle.length) {
            found++;
            matched = 0;
          }
        }
      }
      checkNoFault(
          method, new String(head, 0, (int) Math.min(total, HEAD), StandardCharsets.UTF_8));
      return new Answer(total, found);
    }
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
    if (variant.xmlRpc()) {
      body = xml.encodeCall(method, params);
    } else {
      Map<String, Object> req = new LinkedHashMap<>();
      req.put("jsonrpc", "2.0");
      req.put("method", method);
      req.put("params", params);
      req.put("id", 1L);
      body = Json.write(req).getBytes(StandardCharsets.UTF_8);
    }
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofMinutes(5))
        .header("Authorization", authorization)
        .header("Content-Type", variant.xmlRpc() ? "text/xml" : "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  /** A fault names itself early in either variant; the answers timed here are never faults. */
  private static void checkNoFault(String method, String head) {
    if (head.contains("<fault>") || head.contains("\"error\": {") || head.contains("\"error\":{")) {
      throw new IllegalStateException(method + " answered a fault: " + head);
    }
  }
}
