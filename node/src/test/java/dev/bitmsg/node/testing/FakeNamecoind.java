package dev.bitmsg.node.testing;

import com.sun.net.httpserver.HttpServer;
import dev.bitmsg.pow.SuppressForbidden;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local JSON-RPC 1.0 server on 127.0.0.1 answering {@code name_show} the way namecoind does:
 * Basic auth with rpcuser/rpcpassword, a result object with the name's {@code value} string, and
 * for unknown names HTTP 500 with error code -4. namecoind itself is not packaged here. It reads
 * requests and writes replies with its own few lines of JSON handling, not the node's parser, so
 * that a bug there shows up as a failed exchange instead of being mirrored on both sides: a request
 * it cannot read gets error -32700 (parse error).
 */
@SuppressForbidden(
    "com.sun.net.httpserver is the JDK's supported, exported HTTP server (jdk.httpserver)")
public final class FakeNamecoind implements AutoCloseable {
  /** A JSON string literal; the group is its inside, escapes kept. */
  private static final String STRING = "\"((?:[^\"\\\\]|\\\\.)*)\"";

  /** A flat JSON object of strings, integers and arrays of strings: what the resolver sends. */
  private static final Pattern REQUEST;

  static {
    String array = "\\[\\s*(?:" + STRING + "(?:\\s*,\\s*" + STRING + ")*)?\\s*\\]";
    String pair = STRING + "\\s*:\\s*(?:" + STRING + "|-?\\d+|" + array + ")";
    REQUEST = Pattern.compile("\\s*\\{\\s*" + pair + "(?:\\s*,\\s*" + pair + ")*\\s*\\}\\s*");
  }

  private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*" + STRING);
  private static final Pattern PARAMS =
      Pattern.compile("\"params\"\\s*:\\s*\\[\\s*" + STRING + "\\s*\\]");

  /** The id as written (a number or a string literal), echoed unchanged in the reply. */
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(-?\\d+|" + STRING + ")");

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
            String request = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher method = METHOD.matcher(request);
            Matcher params = PARAMS.matcher(request);
            Matcher id = ID.matcher(request);
            int status;
            String body;
            if (!REQUEST.matcher(request).matches()
                || !method.find()
                || !params.find()
                || !id.find()) {
              status = 500;
              body = error(-32700, "Parse error", "null");
            } else if (!"name_show".equals(unescape(method.group(1)))) {
              status = 500;
              body = error(-32601, "Method not found", id.group(1));
            } else {
              String name = unescape(params.group(1));
              String value = names.get(name);
              if (value != null) {
                status = 200;
                body =
                    "{\"result\":{\"name\":"
                        + quote(name)
                        + ",\"name_encoding\":\"ascii\",\"value\":"
                        + quote(value)
                        + ",\"value_encoding\":\"ascii\",\"txid\":\""
                        + "ab".repeat(32)
                        + "\",\"vout\":0,\"address\":\"N1KHAL5C1CRzy58NdJwp1tbLze3XrkFxx9\","
                        + "\"height\":500000,\"expires_in\":30000,\"expired\":false},"
                        + "\"error\":null,\"id\":"
                        + id.group(1)
                        + "}";
              } else {
                status = 500;
                body = error(-4, "name not found: '" + name + "'", id.group(1));
              }
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

  private static String error(int code, String message, String id) {
    return "{\"result\":null,\"error\":{\"code\":"
        + code
        + ",\"message\":"
        + quote(message)
        + "},\"id\":"
        + id
        + "}";
  }

  /** The JSON string literal of {@code s}. */
  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** The text of a JSON string literal's inside (the escapes of RFC 8259 section 7). */
  private static String unescape(String literal) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = literal.charAt(++i);
      switch (e) {
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          sb.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> sb.append(e); // " \ /
      }
    }
    return sb.toString();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
