package dev.bitmsg.node.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bitmsg.node.rpc.JsonValues;
import dev.bitmsg.node.rpc.RpcFormatException;
import dev.bitmsg.pow.SuppressForbidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint of the client API: POST to {@code /} or {@code /RPC2} with HTTP Basic auth,
 * bodies up to {@link #MAX_BODY} bytes, XML-RPC or JSON-RPC per {@link ApiSettings#variant()}. API
 * errors become XML-RPC faults (faultCode = PyBitmessage code, faultString = {@code API Error 00NN:
 * text}) or JSON-RPC errors with the same code and text. Thread-safe.
 */
@SuppressForbidden(
    "com.sun.net.httpserver is the JDK's supported, exported HTTP server (jdk.httpserver)")
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  static final int MAX_BODY = 4 << 20;

  private final ApiSettings settings;
  private final ApiMethods methods;
  private final XmlRpcCodec xml = new XmlRpcCodec();
  private final byte[] expectedAuth;
  private final HttpServer server;
  private final ExecutorService executor;

  private ApiServer(ApiSettings settings, ApiMethods methods) throws IOException {
    this.settings = settings;
    this.methods = methods;
    this.expectedAuth =
        ("Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (settings.user() + ":" + settings.password())
                            .getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.UTF_8);
    this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 16);
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "bitmsg-api-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Binds and starts serving. */
  public static ApiServer start(ApiSettings settings, ApiMethods methods) throws IOException {
    ApiServer s = new ApiServer(settings, methods);
    s.server.start();
    log.info(
        "api serving variant={} url=http://{}:{}/",
        settings.variant(),
        s.address().getHostString(),
        s.address().getPort());
    return s;
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange ex) throws IOException {
    Runnable[] afterReply = {null};
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (!path.equals("/") && !path.equals("/RPC2")) {
        send(ex, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (!"POST".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().add("Allow", "POST");
        send(ex, 405, "text/plain", "POST only\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth == null
          || !MessageDigest.isEqual(auth.strip().getBytes(StandardCharsets.UTF_8), expectedAuth)) {
        log.warn(
            "api request refused remote={} reason=bad or missing credentials",
            ex.getRemoteAddress());
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"bitmsg\"");
        send(
            ex,
            401,
            "text/plain",
            "RPC Username or password incorrect or HTTP header lacks authentication at all.\n"
                .getBytes(StandardCharsets.UTF_8));
        return;
      }
      byte[] body = readCapped(ex.getRequestBody());
      if (body == null) {
        send(
            ex,
            413,
            "text/plain",
            ("request larger than " + MAX_BODY + " bytes\n").getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (settings.variant() == ApiSettings.Variant.XML) {
        send(ex, 200, "text/xml", handleXml(body, afterReply));
      } else {
        send(ex, 200, "application/json", handleJson(body, afterReply));
      }
    } catch (IOException | RuntimeException e) {
      log.warn("api request failed", e);
    }
    // The exchange is closed: the reply has been written.
    if (afterReply[0] != null) {
      afterReply[0].run();
    }
  }

  private byte[] handleXml(byte[] body, Runnable[] afterReply) {
    RpcCall call;
    try {
      call = xml.decodeCall(body);
    } catch (RpcFormatException e) {
      return xml.encodeFault(-32700, e.getMessage());
    }
    try {
      return xml.encodeResult(invoke(call, afterReply));
    } catch (ApiError e) {
      return xml.encodeFault(e.code(), e.formatted());
    }
  }

  private byte[] handleJson(byte[] body, Runnable[] afterReply) {
    Object id = null;
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("jsonrpc", "2.0");
    try {
      Object parsed = JsonValues.parse(new String(body, StandardCharsets.UTF_8));
      if (!(parsed instanceof Map<?, ?> m) || !(m.get("method") instanceof String method)) {
        throw new RpcFormatException("JSON-RPC request must be an object with a string \"method\"");
      }
      id = m.get("id");
      Object ps = m.get("params");
      List<Object> params = new ArrayList<>();
      if (ps instanceof List<?> l) {
        params.addAll(l);
      } else if (ps != null) {
        throw new RpcFormatException(
            "JSON-RPC params must be an array (positional, as PyBitmessage takes them)");
      }
      Object result = invoke(new RpcCall(method, params, id), afterReply);
      response.put("result", result);
    } catch (RpcFormatException e) {
      response.put("error", ApiMethods.ordered("code", -32700L, "message", e.getMessage()));
    } catch (ApiError e) {
      response.put("error", ApiMethods.ordered("code", (long) e.code(), "message", e.formatted()));
    }
    response.put("id", id);
    return JsonValues.write(response).getBytes(StandardCharsets.UTF_8);
  }

  /** Runs the call; work a method defers until after its reply goes to {@code afterReply[0]}. */
  private Object invoke(RpcCall call, Runnable[] afterReply) {
    try {
      Object result = methods.call(call.method(), call.params());
      if (result instanceof AfterReply deferred) {
        afterReply[0] = deferred.action();
        return deferred.result();
      }
      return result;
    } catch (ApiError e) {
      log.debug("api call refused method={} fault={}", call.method(), e.formatted());
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(21, "Unexpected API Failure - interrupted");
    } catch (RuntimeException e) {
      log.warn("api call failed method={}", call.method(), e);
      throw new ApiError(21, "Unexpected API Failure - " + e.getMessage());
    }
  }

  private static byte @Nullable [] readCapped(InputStream in) throws IOException {
    byte[] all = in.readNBytes(MAX_BODY + 1);
    return all.length > MAX_BODY ? null : all;
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
