package dev.bitmsg.node.migrate;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.bitmsg.node.store.KnownNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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
    JsonElement root;
    try {
      root = JsonParser.parseString(text);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(
          "not JSON (PyBitmessage before 0.6.3 wrote a Python pickle, which is not read)");
    }
    if (!root.isJsonArray()) {
      throw new IllegalArgumentException("not a JSON list of nodes");
    }
    JsonArray list = root.getAsJsonArray();
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

  private static void entry(JsonElement e, List<KnownNode> nodes, List<String> skipped) {
    JsonObject o = e.getAsJsonObject();
    long stream = o.get("stream").getAsLong();
    JsonObject peer = o.getAsJsonObject("peer");
    String host = peer.get("host").getAsString();
    int port = peer.has("port") ? peer.get("port").getAsInt() : 8444;
    JsonObject info = o.has("info") ? o.getAsJsonObject("info") : new JsonObject();
    String name = host + ":" + port;
    if (info.has("self") && info.get("self").getAsBoolean()) {
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
    long lastSeen = info.has("lastseen") ? info.get("lastseen").getAsLong() : 0;
    double rating = info.has("rating") ? info.get("rating").getAsDouble() : 0;
    nodes.add(
        new KnownNode(
            host, port, stream, NODE_NETWORK, lastSeen, Math.max(-1, Math.min(1, rating))));
  }
}
