package dev.bitmsg.node.api;

import dev.bitmsg.node.rpc.JsonValues;
import dev.bitmsg.node.rpc.RpcFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A client of a node's API (XML-RPC or JSON-RPC) for the CLI and the demo. Faults come back as
 * {@link ApiError}; transport problems as {@link ApiClientException}. Thread-safe.
 */
public final class ApiClient {
  /** The API could not be reached or answered with something else than RPC. */
  public static final class ApiClientException extends RuntimeException {
    public ApiClientException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  private final URI uri;
  private final String authorization;
  private final ApiSettings.Variant variant;
  private final HttpClient http;
  private final XmlRpcCodec xml = new XmlRpcCodec();

  public ApiClient(URI uri, String user, String password, ApiSettings.Variant variant) {
    this.uri = uri;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.variant = variant;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public URI uri() {
    return uri;
  }

  public @Nullable Object call(String method, Object... params) {
    List<Object> ps = new ArrayList<>(Arrays.asList(params));
    byte[] body;
    if (variant == ApiSettings.Variant.XML) {
      body = xml.encodeCall(method, ps);
    } else {
      Map<String, Object> req = new LinkedHashMap<>();
      req.put("jsonrpc", "2.0");
      req.put("method", method);
      req.put("params", ps);
      req.put("id", 1L);
      body = JsonValues.write(req).getBytes(StandardCharsets.UTF_8);
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMinutes(10))
            .header("Authorization", authorization)
            .header(
                "Content-Type",
                variant == ApiSettings.Variant.XML ? "text/xml" : "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ApiClientException("cannot reach the node API at " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiClientException("interrupted calling " + uri, e);
    }
    if (response.statusCode() == 401) {
      throw new ApiClientException(
          "the node API at " + uri + " refused the user name or password", null);
    }
    if (response.statusCode() != 200) {
      throw new ApiClientException(
          "the node API at " + uri + " answered HTTP " + response.statusCode(), null);
    }
    if (variant == ApiSettings.Variant.XML) {
      return xml.decodeResponse(response.body());
    }
    Object reply = JsonValues.parse(new String(response.body(), StandardCharsets.UTF_8));
    if (!(reply instanceof Map<?, ?> m)) {
      throw new RpcFormatException("JSON-RPC reply is not an object");
    }
    if (m.get("error") instanceof Map<?, ?> err) {
      long code = err.get("code") instanceof Long l ? l : 0;
      throw new ApiError(
          (int) code, String.valueOf(err.get("message")).replaceFirst("^API Error \\d{4}: ", ""));
    }
    return m.get("result");
  }

  public static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@link #call} for methods that answer a string (an address, ack data). */
  public String callText(String method, Object... params) {
    if (!(call(method, params) instanceof String s)) {
      throw new ApiClientException("the node API answered " + method + " without a string", null);
    }
    return s;
  }

  public static String unb64(@Nullable Object text) {
    return new String(Base64.getMimeDecoder().decode(String.valueOf(text)), StandardCharsets.UTF_8);
  }
}
