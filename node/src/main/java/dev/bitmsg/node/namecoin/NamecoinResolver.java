package dev.bitmsg.node.namecoin;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressException;
import dev.bitmsg.node.rpc.Json;
import dev.bitmsg.node.rpc.RpcFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resolves Namecoin identity names ({@code id/...}) to Bitmessage addresses through a namecoind
 * JSON-RPC endpoint (PROTOCOL.md section 11): {@code name_show} with Basic auth and a 3 s timeout;
 * the name's value is parsed as JSON, where an object gives the address under {@code bitmessage}
 * and an optional display name under {@code name}, and any other value is taken as the address
 * itself. Input without {@code /} gets the {@code id/} prefix. Thread-safe.
 */
public final class NamecoinResolver {
  /** A resolved name. Immutable. */
  public record Resolved(String name, String displayName, String address) {
    @Override
    public String toString() {
      return displayName + " <" + address + ">";
    }
  }

  private static final int MAX_REPLY = 1 << 20;

  private final URI endpoint;
  private final Optional<String> authorization;
  private final AddressCodec codec;
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();

  public NamecoinResolver(
      URI endpoint, Optional<String> user, Optional<String> password, AddressCodec codec) {
    this.endpoint = endpoint;
    this.authorization =
        user.map(
            u ->
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (u + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
    this.codec = codec;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  }

  /** Whether {@code recipient} is meant as a Namecoin name rather than an address. */
  public static boolean isName(String recipient) {
    return !recipient.strip().startsWith(AddressCodec.PREFIX);
  }

  public Resolved resolve(String input) {
    String in = input.strip();
    if (in.isEmpty()) {
      throw new NamecoinException(NamecoinException.Reason.NOT_FOUND, "empty name", null);
    }
    String name = in.contains("/") ? in : "id/" + in;
    String display = in.contains("/") ? in.substring(in.indexOf('/') + 1) : in;
    long id = ids.incrementAndGet();
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("method", "name_show");
    req.put("params", List.of(name));
    req.put("id", id);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(3))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(req)));
    authorization.ifPresent(a -> b.header("Authorization", a));
    HttpResponse<byte[]> resp;
    try {
      resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new NamecoinException(
          NamecoinException.Reason.UNREACHABLE,
          "cannot reach namecoind at " + endpoint + ": " + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NamecoinException(NamecoinException.Reason.UNREACHABLE, "interrupted", e);
    }
    if (resp.statusCode() == 401 || resp.statusCode() == 403) {
      throw new NamecoinException(
          NamecoinException.Reason.UNREACHABLE,
          "namecoind at "
              + endpoint
              + " refused the RPC user or password (HTTP "
              + resp.statusCode()
              + ")",
          null);
    }
    if (resp.body().length > MAX_REPLY) {
      throw new NamecoinException(
          NamecoinException.Reason.BAD_REPLY, "namecoind reply over " + MAX_REPLY + " bytes", null);
    }
    Object reply;
    try {
      reply = Json.parse(new String(resp.body(), StandardCharsets.UTF_8));
    } catch (RpcFormatException e) {
      throw new NamecoinException(
          NamecoinException.Reason.BAD_REPLY,
          "namecoind at " + endpoint + " answered HTTP " + resp.statusCode() + " without JSON",
          e);
    }
    if (!(reply instanceof Map<?, ?> m)) {
      throw new NamecoinException(
          NamecoinException.Reason.BAD_REPLY, "namecoind reply is not a JSON object", null);
    }
    if (!Long.valueOf(id).equals(m.get("id"))) {
      throw new NamecoinException(
          NamecoinException.Reason.BAD_REPLY,
          "namecoind reply id does not match the request",
          null);
    }
    if (m.get("error") instanceof Map<?, ?> err) {
      // namecoind: code -4 "name never existed" / "name not found"
      throw new NamecoinException(
          NamecoinException.Reason.NOT_FOUND,
          "Namecoin name " + name + " not found: " + err.get("message"),
          null);
    }
    if (!(m.get("result") instanceof Map<?, ?> result)
        || !(result.get("value") instanceof String value)) {
      throw new NamecoinException(
          NamecoinException.Reason.BAD_REPLY, "namecoind reply has no result.value", null);
    }
    String address;
    Object parsed;
    try {
      parsed = Json.parse(value);
    } catch (RpcFormatException e) {
      parsed = null;
    }
    if (parsed instanceof Map<?, ?> obj) {
      if (!(obj.get("bitmessage") instanceof String bm)) {
        throw new NamecoinException(
            NamecoinException.Reason.INVALID_VALUE,
            "the value of " + name + " has no \"bitmessage\" entry",
            null);
      }
      address = bm;
      if (obj.get("name") instanceof String n && !n.isBlank()) {
        display = n;
      }
    } else {
      address = value;
    }
    try {
      return new Resolved(name, display, codec.encode(codec.decode(address)));
    } catch (AddressException e) {
      throw new NamecoinException(
          NamecoinException.Reason.INVALID_VALUE,
          "the value of " + name + " is not a valid Bitmessage address: " + e.getMessage(),
          e);
    }
  }
}
