package dev.bitmsg.node.namecoin;

import com.sun.net.httpserver.HttpServer;
import dev.bitmsg.node.rpc.Json;
import dev.bitmsg.pow.SuppressForbidden;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A local JSON-RPC 1.0 server on 127.0.0.1 answering {@code name_show} the way namecoind does:
 * Basic auth with rpcuser/rpcpassword, a result object with the name's {@code value} string, and
 * for unknown names HTTP 500 with error code -4. namecoind itself is not packaged here.
 */
@SuppressForbidden(
    "com.sun.net.httpserver is the JDK's supported, exported HTTP server (jdk.httpserver)")
public final class FakeNamecoind implements AutoCloseable {
  private final HttpServer server;

  public FakeNamecoind(String user, String password, Map<String, String> names) throws IOException {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    server = HttpServer.create(new InetSocketAddress(loopback, 0), 4);
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
              ex.sendResponseHeaders(401, -1);
              return;
            }
            Map<?, ?> req =
                (Map<?, ?>)
                    Objects.requireNonNull(
                        Json.parse(
                            new String(
                                ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Object id = Objects.requireNonNull(req.get("id"));
            String name =
                String.valueOf(((List<?>) Objects.requireNonNull(req.get("params"))).get(0));
            String body;
            int status;
            if (!"name_show".equals(req.get("method"))) {
              status = 500;
              body =
                  Json.write(
                      Map.of(
                          "result",
                          "",
                          "error",
                          Map.of("code", -32601L, "message", "Method not found"),
                          "id",
                          id));
            } else if (names.containsKey(name)) {
              status = 200;
              body =
                  "{\"result\":{\"name\":"
                      + Json.write(name)
                      + ",\"name_encoding\":\"ascii\",\"value\":"
                      + Json.write(names.get(name))
                      + ",\"value_encoding\":\"ascii\",\"txid\":\""
                      + "ab".repeat(32)
                      + "\",\"vout\":0,\"address\":\"N1KHAL5C1CRzy58NdJwp1tbLze3XrkFxx9\",\"height\":500000,"
                      + "\"expires_in\":30000,\"expired\":false},\"error\":null,\"id\":"
                      + Json.write(id)
                      + "}";
            } else {
              status = 500;
              body =
                  "{\"result\":null,\"error\":{\"code\":-4,\"message\":\"name not found: '"
                      + name
                      + "'\"},\"id\":"
                      + Json.write(id)
                      + "}";
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(b);
            }
          }
        });
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
