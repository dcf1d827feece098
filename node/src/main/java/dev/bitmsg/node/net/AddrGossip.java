package dev.bitmsg.node.net;

import dev.bitmsg.node.store.KnownNode;
import dev.bitmsg.node.store.KnownNodes;
import dev.bitmsg.node.wire.Addr;
import dev.bitmsg.node.wire.HostEncoding;
import dev.bitmsg.node.wire.NetworkAddress;
import dev.bitmsg.node.wire.TimedNetworkAddress;
import dev.bitmsg.node.wire.Version;
import dev.bitmsg.node.wire.WireLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Address gossip (PROTOCOL.md 3.2 step 6, 3.4): an established peer's own listening address becomes
 * a known node; after the handshake a peer gets the nodes we saw recently in the streams both sides
 * serve; the entries a peer sends us are filtered by the {@link AddrPolicy} and kept in the known
 * nodes. Thread-safe (stateless over thread-safe parts); called on the peers' serial executors.
 */
final class AddrGossip {
  private static final Logger log = LoggerFactory.getLogger(AddrGossip.class);

  /** Known nodes looked up per stream for one advertisement. */
  private static final int RECENT_LIMIT = 500;

  private final NetworkParams params;
  private final KnownNodes knownNodes;
  private final AddrPolicy policy;
  private final Clock clock;
  private final Executor bookkeeping;

  /**
   * @param bookkeeping runs database work off the event loops
   */
  AddrGossip(
      NetworkParams params,
      KnownNodes knownNodes,
      AddrPolicy policy,
      Clock clock,
      Executor bookkeeping) {
    this.params = params;
    this.knownNodes = knownNodes;
    this.policy = policy;
    this.clock = clock;
    this.bookkeeping = bookkeeping;
  }

  /**
   * Remembers a newly established peer's listening address as a known node (an inbound peer's from
   * its version message); a successful dial also raises the node's rating. Event loop.
   */
  void connected(Peer peer) {
    InetSocketAddress remote = peer.remote();
    Version version = peer.version();
    int port = peer.inbound() ? version.addrFrom().port() : remote.getPort();
    long stream = version.streams().stream().filter(params::servesStream).findFirst().orElse(1L);
    if (port > 0 && policy.isAcceptableHost(remote.getAddress())) {
      KnownNode n =
          new KnownNode(
              remote.getAddress().getHostAddress(),
              port,
              stream,
              version.services(),
              clock.instant().getEpochSecond(),
              0);
      bookkeeping.execute(
          () -> {
            knownNodes.upsert(n);
            if (!peer.inbound()) {
              knownNodes.adjustRating(n.host(), n.port(), 0.1);
            }
          });
    }
  }

  /** Writes (without flushing) one addr with recently seen nodes; returns the entry count. */
  int advertiseTo(Peer peer) {
    long now = clock.instant().getEpochSecond();
    List<TimedNetworkAddress> addrs = new ArrayList<>();
    for (long stream : peer.version().streams()) {
      if (!params.servesStream(stream)) {
        continue;
      }
      for (KnownNode n :
          knownNodes.seenSince(stream, now - AddrPolicy.MAX_AGE_SECONDS, RECENT_LIMIT)) {
        if (addrs.size() >= WireLimits.MAX_ADDR_ITEMS) {
          break;
        }
        toWire(n).ifPresent(addrs::add);
      }
    }
    if (!addrs.isEmpty()) {
      peer.channel().write(new Addr(addrs)).addListener(ChannelFailures.LOG_WRITE);
    }
    return addrs.size();
  }

  private static Optional<TimedNetworkAddress> toWire(KnownNode n) {
    try {
      InetAddress ip = InetAddress.getByName(n.host()); // literal IPs only: no lookup happens
      return Optional.of(
          new TimedNetworkAddress(
              n.lastSeen(),
              n.stream(),
              new NetworkAddress(n.services(), HostEncoding.encode(ip), n.port())));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Keeps the acceptable entries of an addr from {@code peer}. */
  void received(Peer peer, Addr addr) {
    long now = clock.instant().getEpochSecond();
    int kept = 0;
    for (TimedNetworkAddress a : addr.addresses()) {
      Optional<InetAddress> ip = policy.accept(a, now);
      if (ip.isPresent()) {
        knownNodes.upsert(
            new KnownNode(
                ip.get().getHostAddress(),
                a.address().port(),
                a.stream(),
                a.address().services(),
                a.time(),
                0));
        kept++;
      }
    }
    log.debug("addr received peer={} entries={} kept={}", peer, addr.addresses().size(), kept);
  }
}
