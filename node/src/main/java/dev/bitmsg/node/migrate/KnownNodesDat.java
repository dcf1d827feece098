package dev.bitmsg.node.migrate;

import dev.bitmsg.node.rpc.Json;
import dev.bitmsg.node.rpc.RpcFormatException;
import dev.bitmsg.node.store.KnownNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * PyBitmessage's {@code knownnodes.dat} as v0.6 writes it ({@code network/knownnodes.py}): a JSON
 * list of {@code {"stream": N, "peer": {"host": H, "port": P}, "info": {"lastseen": T, "rating": R,
 * "self": B}}}. Entries for the node's own onion address ({@code self}), onion hosts (reached only
 * through a proxy, which this node has not), hosts that are not IP literals and streams other than
 * 1 are skipped with the reason. The older pickle format is not read. Stateless.
 */
public final class KnownNodesDat {
  /** Services PyBitmessage does not record: every known node serves the network. */
  static final long NODE_NETWORK = 1;

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  /** What a file gave: the nodes to keep and one line per entry left out. Immutable. */
  public record Parsed(List<KnownNode> nodes, List<String> skipped) {
    public Parsed {
      nodes = List.copyOf(nodes);
      skipped = List.copyOf(skipped);
    }
  }

  private KnownNodesDat() {}

  /**
   * Reads the file's text.
   *
   * @throws IllegalArgumentException when it is not the JSON list v0.6 writes (e.g. the older
   *     pickle format)
   */
  public static Parsed parse(String text) {
    Object root;
    try {
      root = Json.parse(text);
    } catch (RpcFormatException e) {
      throw new IllegalArgumentException(
          "not JSON (PyBitmessage before 0.6.3 wrote a Python pickle, which is not read)");
    }
    if (!(root instanceof List<?> list)) {
      throw new IllegalArgumentException("not a JSON list of nodes");
    }
    List<KnownNode> nodes = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      try {
        entry(list.get(i), nodes, skipped);
      } catch (RuntimeException e) {
        skipped.add("entry " + (i + 1) + ": malformed (" + e.getMessage() + ")");
      }
    }
    return new Parsed(nodes, skipped);
  }

  private static void entry(@Nullable Object e, List<KnownNode> nodes, List<String> skipped) {
    Map<?, ?> o = object(e, "entry");
    long stream = number(o.get("stream"), "stream").longValue();
    Map<?, ?> peer = object(o.get("peer"), "peer");
    if (!(peer.get("host") instanceof String host)) {
      throw new IllegalArgumentException("peer.host is not a string");
    }
    long port = peer.containsKey("port") ? number(peer.get("port"), "port").longValue() : 8444;
    Map<?, ?> info = o.containsKey("info") ? object(o.get("info"), "info") : Map.of();
    String name = host + ":" + port;
    if (Boolean.TRUE.equals(info.get("self"))) {
      skipped.add(name + ": the PyBitmessage node's own address");
      return;
    }
    if (host.toLowerCase(Locale.ROOT).endsWith(".onion")) {
      skipped.add(name + ": onion peers need a proxy, which this node does not use");
      return;
    }
    if (!IPV4.matcher(host).matches() && !(host.contains(":") && IPV6.matcher(host).matches())) {
      skipped.add(name + ": not an IP address");
      return;
    }
    if (stream != 1) {
      skipped.add(name + ": stream " + stream + " is not served here");
      return;
    }
    if (port < 1 || port > 0xffff) {
      skipped.add(name + ": port out of range");
      return;
    }
    long lastSeen =
        info.containsKey("lastseen") ? number(info.get("lastseen"), "lastseen").longValue() : 0;
    double rating =
        info.containsKey("rating") ? number(info.get("rating"), "rating").doubleValue() : 0;
    nodes.add(
        new KnownNode(
            host, (int) port, stream, NODE_NETWORK, lastSeen, Math.max(-1, Math.min(1, rating))));
  }

  private static Map<?, ?> object(@Nullable Object v, String what) {
    if (v instanceof Map<?, ?> m) {
      return m;
    }
    throw new IllegalArgumentException(what + " is not an object");
  }

  private static Number number(@Nullable Object v, String what) {
    if (v instanceof Number n) {
      return n;
    }
    throw new IllegalArgumentException(what + " is not a number");
  }
}
