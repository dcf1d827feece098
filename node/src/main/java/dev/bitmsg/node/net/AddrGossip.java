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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Address gossip (PROTOCOL.md 3.2 step 6, 3.4): an established peer's own listening address becomes
 * a known node, and so does a peer we refused inbound ({@link #learnRefused}, to be dialled back);
 * after the handshake a peer gets the nodes we saw recently in the streams both sides serve; the
 * entries a peer sends us are filtered by the {@link AddrPolicy}, limited by the {@link AddrBudget}
 * of the sender's network group and kept in the known nodes, whose table is held to {@link
 * PeerPolicy#maxKnownNodes()} ({@link KnownNodes#trim}: untried entries go first, at random, so a
 * flood of made-up addresses cannot push out the nodes we know work). Thread-safe (stateless over
 * thread-safe parts and an atomic counter); called on the peers' serial executors.
 */
final class AddrGossip {
  private static final Logger log = LoggerFactory.getLogger(AddrGossip.class);

  /** Known nodes looked up per stream for one advertisement. */
  private static final int RECENT_LIMIT = 500;

  private final NetworkParams params;
  private final KnownNodes knownNodes;
  private final AddrPolicy policy;
  private final AddrBudget budget;
  private final Clock clock;
  private final Executor bookkeeping;
  private final int maxKnownNodes;
  private final AtomicInteger sinceTrim = new AtomicInteger();

  /** Entries kept between two checks of the known nodes' cap. */
  private static final int TRIM_EVERY = 100;

  /**
   * @param bookkeeping runs database work off the event loops
   */
  AddrGossip(
      NetworkParams params,
      KnownNodes knownNodes,
      AddrPolicy policy,
      AddrBudget budget,
      Clock clock,
      Executor bookkeeping) {
    this.params = params;
    this.knownNodes = knownNodes;
    this.policy = policy;
    this.budget = budget;
    this.clock = clock;
    this.bookkeeping = bookkeeping;
    this.maxKnownNodes = budget.maxKnownNodes();
  }

  /**
   * Remembers a newly established peer's listening address as a known node (an inbound peer's from
   * its version message); a successful dial also raises the node's rating. Event loop.
   */
  void connected(Peer peer) {
    InetSocketAddress remote = peer.remote();
    if (remote.isUnresolved()) {
      // Dialled by name through the proxy: an onion peer is a known node under its name (and its
      // rating rises); a DNS name is not kept (its addresses come in its addr).
      if (OnionName.isOnion(remote.getHostString())) {
        remember(peer, remote.getHostString().toLowerCase(Locale.ROOT), remote.getPort());
      }
      return;
    }
    int port = peer.inbound() ? peer.version().addrFrom().port() : remote.getPort();
    if (port > 0 && policy.isAcceptableHost(remote.getAddress())) {
      remember(peer, remote.getAddress().getHostAddress(), port);
    }
  }

  /** Upserts {@code host:port} for {@code peer}'s stream; a successful dial raises its rating. */
  private void remember(Peer peer, String host, int port) {
    Version version = peer.version();
    long stream = version.streams().stream().filter(params::servesStream).findFirst().orElse(1L);
    KnownNode n =
        new KnownNode(host, port, stream, version.services(), clock.instant().getEpochSecond(), 0);
    bookkeeping.execute(
        () -> {
          knownNodes.upsert(n);
          upserted(1);
          if (!peer.inbound()) {
            knownNodes.adjustRating(n.host(), n.port(), 0.1);
          }
        });
  }

  /**
   * Records the listening address of a peer refused inbound (its remote IP with the port of its
   * version's addr_from) as a known node and returns it for a dial-back; empty when it advertises
   * no port or its address is not one we keep. Event loop: the database work is offloaded.
   */
  Optional<HostPort> learnRefused(InetAddress ip, Version version) {
    int port = version.addrFrom().port();
    if (port <= 0 || !policy.isAcceptableHost(ip)) {
      return Optional.empty();
    }
    long stream = version.streams().stream().filter(params::servesStream).findFirst().orElse(1L);
    KnownNode n =
        new KnownNode(
            ip.getHostAddress(),
            port,
            stream,
            version.services(),
            clock.instant().getEpochSecond(),
            0);
    bookkeeping.execute(
        () -> {
          knownNodes.upsert(n);
          upserted(1);
        });
    return Optional.of(new HostPort(n.host(), port));
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
    if (DialTargets.literal(n.host()).isEmpty()) {
      return Optional.empty(); // onion names are not gossiped in addr (as in PyBitmessage)
    }
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

  /** Keeps the acceptable entries of an addr from {@code peer}, within its group's budget. */
  void received(Peer peer, Addr addr) {
    long now = clock.instant().getEpochSecond();
    int kept = 0;
    int overBudget = 0;
    InetSocketAddress remote = peer.remote();
    // A peer dialled by name through the proxy has no address here: its budget is the local one.
    InetAddress source =
        remote.isUnresolved() ? InetAddress.getLoopbackAddress() : remote.getAddress();
    for (TimedNetworkAddress a : addr.addresses()) {
      Optional<String> ip = policy.accept(a, now);
      if (ip.isPresent() && !budget.take(source)) {
        overBudget++;
      } else if (ip.isPresent()) {
        knownNodes.upsert(
            new KnownNode(
                ip.get(), a.address().port(), a.stream(), a.address().services(), a.time(), 0));
        kept++;
      }
    }
    log.debug(
        "addr received peer={} entries={} kept={} overBudget={}",
        peer,
        addr.addresses().size(),
        kept,
        overBudget);
    upserted(kept);
  }

  /** Counts new rows; every {@value #TRIM_EVERY} holds the table to its cap. Worker threads. */
  private void upserted(int rows) {
    if (sinceTrim.addAndGet(rows) >= TRIM_EVERY) {
      sinceTrim.set(0);
      int removed = knownNodes.trim(maxKnownNodes);
      if (removed > 0) {
        log.info("known nodes trimmed removed={} max={}", removed, maxKnownNodes);
      }
    }
  }
}
