package dev.bitmsg.node.api;

import static dev.bitmsg.node.api.ApiMethods.ordered;

import dev.bitmsg.node.net.ObjectIngest;
import dev.bitmsg.node.net.PeerInfo;
import dev.bitmsg.node.net.RelayCounts;
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectType;
import dev.bitmsg.node.wire.ProtocolException;
import dev.bitmsg.pow.Difficulty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The API calls on the node and its network: status and counters, connections, handing in objects
 * made by the client (PoW done here when they come without a nonce) and reading inventory objects
 * by tag. The proof of work of handed-in objects is the node's own ({@link ApiPorts.Network#pow}:
 * the PoW service when one is configured). Thread-safe (the node's peer group and inventory are).
 */
final class NetworkMethods {
  private final ApiPorts.Network node;

  NetworkMethods(ApiPorts.Network node) {
    this.node = node;
  }

  Map<String, Object> clientStatus() {
    List<PeerInfo> peers = node.peers().peers();
    RelayCounts relayed = node.peers().relayCounts();
    String networkStatus =
        peers.isEmpty()
            ? "notConnected"
            : peers.stream().anyMatch(PeerInfo::inbound)
                ? "connectedAndReceivingIncomingConnections"
                : "connectedButHaveNotReceivedIncomingConnections";
    return ordered(
        "networkConnections",
        (long) peers.size(),
        "numberOfMessagesProcessed",
        node.counters().count(ObjectType.MSG),
        "numberOfBroadcastsProcessed",
        node.counters().count(ObjectType.BROADCAST),
        "numberOfPubkeysProcessed",
        node.counters().count(ObjectType.PUBKEY),
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
        node.softwareVersion());
  }

  Map<String, Object> listConnections() {
    List<Object> in = new ArrayList<>();
    List<Object> out = new ArrayList<>();
    for (PeerInfo p : node.peers().peers()) {
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
      long now = node.clock().instant().getEpochSecond();
      object = node.pow().solve(object, now, new Difficulty(ntpb, extra), x -> {}).object();
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
    long now = node.clock().instant().getEpochSecond();
    submit(node.pow().solve(object, now, Difficulty.NETWORK_DEFAULT, x -> {}).object());
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
