package dev.bitmsg.node.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bitmsg.node.rpc.RpcFormatException;
import dev.bitmsg.pow.SuppressForbidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint of the client API: POST to {@code /} or {@code /RPC2} with HTTP Basic auth,
 * bodies up to {@link #MAX_BODY} bytes, in the variant of {@link ApiSettings#variant()}: XML-RPC,
 * JSON-RPC, or legacy (XML-RPC whose results are shaped by {@link LegacyResults}). API errors
 * become XML-RPC faults (faultCode = PyBitmessage code, faultString = {@code API Error 00NN:
 * text}), JSON-RPC errors with the same code and text, or in the legacy variant that text as the
 * result.
 *
 * <p>A request with wrong or missing credentials gets its HTTP 401 after {@link
 * ApiSettings#authFailureDelay()} (PyBitmessage sleeps 2 s): the answer is scheduled on a timer and
 * the request's thread goes back to serve others at once, so refused requests never hold up the
 * API. Thread-safe.
 */
@SuppressForbidden(
    "com.sun.net.httpserver is the JDK's supported, exported HTTP server (jdk.httpserver)")
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  static final int MAX_BODY = 4 << 20;

  static {
    // The JDK's server leaves Nagle's algorithm on, so a reply written as headers then body waits
    // for the client's delayed ACK: about 40 ms added to every call on Linux. The server reads
    // this once, when its classes load; an explicit setting by the operator wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final ApiSettings settings;
  private final ApiMethods methods;
  private final XmlRpcCodec xml = new XmlRpcCodec();
  private final JsonRpcCodec json = new JsonRpcCodec();
  private final byte[] expectedAuth;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ScheduledExecutorService refusals;

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
    this.refusals =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bitmsg-api-refusals");
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

  private void handle(HttpExchange ex) {
    Runnable[] afterReply = {null};
    boolean answerLater = false;
    try {
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
        answerLater = refuseLater(ex);
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
      if (settings.variant().xmlRpc()) {
        handleXml(ex, body, afterReply);
      } else {
        handleJson(ex, body, afterReply);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("api request failed", e);
    } finally {
      if (!answerLater) {
        ex.close();
      }
    }
    // The exchange is closed: the reply has been written.
    Runnable after = afterReply[0];
    if (after != null) {
      after.run();
    }
  }

  /** Schedules the 401 answer; returns false when it was sent at once (the timer is closed). */
  private boolean refuseLater(HttpExchange ex) throws IOException {
    try {
      var unused =
          refusals.schedule(
              () -> refuse(ex), settings.authFailureDelay().toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (RejectedExecutionException e) {
      refuse(ex);
      return false;
    }
  }

  private static void refuse(HttpExchange ex) {
    try (ex) {
      ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"bitmsg\"");
      send(
          ex,
          401,
          "text/plain",
          "RPC Username or password incorrect or HTTP header lacks authentication at all.\n"
              .getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      log.debug(
          "api refusal not delivered remote={} cause={}", ex.getRemoteAddress(), e.toString());
    }
  }

  /**
   * Answers an XML-RPC call: a fault in one piece, a result streamed as it is encoded (chunked), so
   * that the memory of a call does not grow with the size of its answer beyond the result itself.
   */
  private void handleXml(HttpExchange ex, byte[] body, Runnable[] afterReply) throws IOException {
    RpcCall call;
    try {
      call = xml.decodeCall(body);
    } catch (RpcFormatException e) {
      send(ex, 200, "text/xml", xml.encodeFault(-32700, e.getMessage()));
      return;
    }
    boolean legacy = settings.variant() == ApiSettings.Variant.LEGACY;
    Object result;
    try {
      Object plain = invoke(call, afterReply);
      result = legacy ? LegacyResults.shape(call.method(), plain) : LegacyResults.plain(plain);
    } catch (ApiError e) {
      if (legacy && LegacyResults.wrapped(call.method())) {
        // PyBitmessage's legacy dispatcher answers an API error as its text.
        send(ex, 200, "text/xml", xml.encodeResult(e.formatted()));
      } else {
        send(ex, 200, "text/xml", xml.encodeFault(e.code(), e.formatted()));
      }
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
    ex.sendResponseHeaders(200, 0); // 0: chunked, length unknown until written
    try (OutputStream out = ex.getResponseBody()) {
      xml.writeResult(result, out);
    }
  }

  /** Answers a JSON-RPC call: an error in one piece, a result streamed as it is encoded. */
  private void handleJson(HttpExchange ex, byte[] body, Runnable[] afterReply) throws IOException {
    RpcCall call;
    try {
      call = json.decodeCall(body);
    } catch (RpcFormatException e) {
      send(ex, 200, "application/json", json.encodeError(null, -32700, e.getMessage()));
      return;
    }
    Object result;
    try {
      result = LegacyResults.plain(invoke(call, afterReply));
    } catch (ApiError e) {
      send(ex, 200, "application/json", json.encodeError(call.id(), e.code(), e.formatted()));
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(200, 0); // 0: chunked, length unknown until written
    try (OutputStream out = ex.getResponseBody()) {
      json.writeResult(call.id(), result, out);
    }
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
    for (Runnable pending : refusals.shutdownNow()) {
      pending.run(); // refused requests still waiting get their 401 now
    }
  }
}
