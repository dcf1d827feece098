package dev.bitmsg.node.api;

import static dev.bitmsg.node.api.ApiMethods.ordered;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.messaging.PowWorker;
import dev.bitmsg.node.metrics.ObjectCounters;
import dev.bitmsg.node.net.ObjectIngest;
import dev.bitmsg.node.net.PeerGroup;
import dev.bitmsg.node.net.RelayCounts;
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectType;
import dev.bitmsg.node.wire.ProtocolException;
import dev.bitmsg.pow.Difficulty;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The API calls on the node and its network: status and counters, connections, handing in objects
 * made by the client (PoW done here when they come without a nonce) and reading inventory objects
 * by tag. Thread-safe (the node's peer group and inventory are).
 */
final class NetworkMethods {
  private final Node node;
  private final Supplier<PowWorker> pow;
  private final Clock clock;
  private final String softwareVersion;
  private final ObjectCounters counters;

  NetworkMethods(
      Node node,
      Supplier<PowWorker> pow,
      Clock clock,
      String softwareVersion,
      ObjectCounters counters) {
    this.node = node;
    this.pow = pow;
    this.clock = clock;
    this.softwareVersion = softwareVersion;
    this.counters = counters;
  }

  Map<String, Object> clientStatus() {
    List<PeerGroup.PeerInfo> peers = node.peers().peers();
    RelayCounts relayed = node.peers().relayCounts();
    String networkStatus =
        peers.isEmpty()
            ? "notConnected"
            : peers.stream().anyMatch(PeerGroup.PeerInfo::inbound)
                ? "connectedAndReceivingIncomingConnections"
                : "connectedButHaveNotReceivedIncomingConnections";
    return ordered(
        "networkConnections",
        (long) peers.size(),
        "numberOfMessagesProcessed",
        counters.count(ObjectType.MSG),
        "numberOfBroadcastsProcessed",
        counters.count(ObjectType.BROADCAST),
        "numberOfPubkeysProcessed",
        counters.count(ObjectType.PUBKEY),
        "pendingDownload",
        0L,
        // Extension (not in PyBitmessage): objects made elsewhere passed on to peers since start.
        "numberOfObjectsRelayedByInv",
        relayed.announced(),
        "numberOfObjectsRelayedByGetdata",
        relayed.served(),
        "networkStatus",
        networkStatus,
        "softwareName",
        "bitmsg",
        "softwareVersion",
        softwareVersion);
  }

  Map<String, Object> listConnections() {
    List<Object> in = new ArrayList<>();
    List<Object> out = new ArrayList<>();
    for (PeerGroup.PeerInfo p : node.peers().peers()) {
      Map<String, Object> m =
          ordered(
              "host",
              p.remote().getHostString(),
              "port",
              (long) p.remote().getPort(),
              "fullyEstablished",
              true,
              "userAgent",
              p.userAgent());
      (p.inbound() ? in : out).add(m);
    }
    return ordered("inbound", in, "outbound", out);
  }

  Object disseminate(Params p) throws InterruptedException {
    byte[] raw = p.hex(0);
    long ntpb = Math.max(p.integer(1, 1000), 1000);
    long extra = Math.max(p.integer(2, 1000), 1000);
    ObjectMessage object;
    try {
      object = ObjectMessage.of(Bytes.of(raw));
    } catch (ProtocolException | IllegalArgumentException e) {
      throw ApiError.decode("not an object: " + e.getMessage());
    }
    if (object.nonce() == 0) {
      long now = clock.instant().getEpochSecond();
      object = pow.get().solve(object, now, new Difficulty(ntpb, extra), x -> {}).object();
    }
    return submit(object);
  }

  Object disseminatePubkey(Params p) throws InterruptedException {
    byte[] withoutNonce = p.hex(0);
    byte[] raw = new byte[withoutNonce.length + 8];
    System.arraycopy(withoutNonce, 0, raw, 8, withoutNonce.length);
    ObjectMessage object;
    try {
      object = ObjectMessage.of(Bytes.of(raw));
    } catch (ProtocolException | IllegalArgumentException e) {
      throw ApiError.decode("not a pubkey object: " + e.getMessage());
    }
    if (object.objectType() != ObjectType.PUBKEY) {
      throw ApiError.decode("object type " + object.objectType() + " is not a pubkey");
    }
    long now = clock.instant().getEpochSecond();
    submit(pow.get().solve(object, now, Difficulty.NETWORK_DEFAULT, x -> {}).object());
    return "";
  }

  private String submit(ObjectMessage object) {
    ObjectIngest.Result r = node.peers().submit(object);
    if (r.outcome() != ObjectIngest.Outcome.STORED
        && r.outcome() != ObjectIngest.Outcome.DUPLICATE) {
      throw new ApiError(21, "Unexpected API Failure - object refused: " + r.verdict());
    }
    return object.inventoryVector().toHex();
  }

  Object messagesByTag(Params p) {
    String hex = p.string(0).strip();
    if (hex.length() != 64) {
      throw new ApiError(
          19, "The length of hash should be 32 bytes (encoded in hex thus 64 characters).");
    }
    Bytes tag = Bytes.of(p.hex(0));
    List<Object> out = new ArrayList<>();
    for (long type : new long[] {ObjectType.MSG, ObjectType.BROADCAST}) {
      for (InventoryItem item : node.inventory().byTag(type, tag)) {
        out.add(Map.of("data", item.toObject().raw().toHex()));
      }
    }
    return Map.of("receivedMessageDatas", out);
  }
}
