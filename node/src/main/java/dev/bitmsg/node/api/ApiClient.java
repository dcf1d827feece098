package dev.bitmsg.node.api;

import dev.bitmsg.node.rpc.Json;
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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern LEGACY_ERROR =
      Pattern.compile("API Error (\\d{4}): (.*)", Pattern.DOTALL);

  private final XmlRpcCodec xml = new XmlRpcCodec();
  private final JsonRpcCodec json = new JsonRpcCodec();

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

  /**
   * Calls {@code method}. In the legacy variant a result that is an API error's text becomes an
   * {@link ApiError}, and one that is a JSON text ({@code {...}}, {@code [...]}, {@code null}) its
   * value: methods whose result is a plain string never answer one of those.
   */
  public @Nullable Object call(String method, Object... params) {
    List<Object> ps = new ArrayList<>(Arrays.asList(params));
    boolean xmlRpc = variant.xmlRpc();
    byte[] body = xmlRpc ? xml.encodeCall(method, ps) : json.encodeCall(method, ps, 1L);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMinutes(10))
            .header("Authorization", authorization)
            .header("Content-Type", xmlRpc ? "text/xml" : "application/json")
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
    if (!xmlRpc) {
      return json.decodeResponse(response.body());
    }
    Object result = xml.decodeResponse(response.body());
    if (variant == ApiSettings.Variant.LEGACY && result instanceof String s) {
      return legacy(s);
    }
    return result;
  }

  private static @Nullable Object legacy(String result) {
    Matcher error = LEGACY_ERROR.matcher(result);
    if (error.matches()) {
      throw new ApiError(Integer.parseInt(error.group(1)), error.group(2));
    }
    String s = result.strip();
    if (s.startsWith("{") || s.startsWith("[") || s.equals("null")) {
      return Json.parse(s);
    }
    return result;
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
