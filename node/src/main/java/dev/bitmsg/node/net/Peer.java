package dev.bitmsg.node.net;

import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.store.KnownNode;
import dev.bitmsg.node.wire.Addr;
import dev.bitmsg.node.wire.Dinv;
import dev.bitmsg.node.wire.ErrorMessage;
import dev.bitmsg.node.wire.GetData;
import dev.bitmsg.node.wire.HostEncoding;
import dev.bitmsg.node.wire.Inv;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.NetworkAddress;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.Ping;
import dev.bitmsg.node.wire.Pong;
import dev.bitmsg.node.wire.TimedNetworkAddress;
import dev.bitmsg.node.wire.Version;
import dev.bitmsg.node.wire.WireLimits;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One established connection and the object synchronisation with it (PROTOCOL.md 3.4, 3.5):
 * announces our inventory, requests what the peer announces and we lack (a bounded number in
 * flight, the rest queued up to a cap, requests forgotten after a timeout), serves the peer's
 * getdata while the channel is writable, ingests delivered objects and answers pings.
 *
 * <p>Threading: every method that touches the request and serve state runs on this peer's {@link
 * SerialExecutor}, so that state is confined to one task at a time and needs no locks; the other
 * fields are final or atomic. Writes go to the Netty channel, which is thread-safe.
 */
final class Peer {
  private static final Logger log = LoggerFactory.getLogger(Peer.class);
  /** Queued inbound messages above which the channel stops reading, and where it resumes. */
  private static final int READ_HIGH_WATER = 32;
  private static final int READ_LOW_WATER = 8;
  private static final int FLUSH_EVERY = 64;

  private final Channel channel;
  private final boolean inbound;
  private final Version version;
  private final PeerGroup group;
  private final SerialExecutor serial;
  private final String name;

  // Confined to the serial executor.
  private final FetchState fetch = new FetchState();
  private final ArrayDeque<Object> outgoing = new ArrayDeque<>();
  private final List<ObjectMessage> objectBatch = new ArrayList<>();
  private boolean batchScheduled;
  private int servesQueued;
  private boolean servesTruncatedLogged;

  private final ConcurrentLinkedQueue<InventoryVector> announcements = new ConcurrentLinkedQueue<>();
  private final AtomicInteger announcementCount = new AtomicInteger();
  private final AtomicBoolean announceScheduled = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  Peer(Channel channel, boolean inbound, Version version, PeerGroup group, SerialExecutor serial) {
    this.channel = channel;
    this.inbound = inbound;
    this.version = version;
    this.group = group;
    this.serial = serial;
    this.name = String.valueOf(channel.remoteAddress());
  }

  Channel channel() {
    return channel;
  }

  boolean inbound() {
    return inbound;
  }

  Version version() {
    return version;
  }

  InetSocketAddress remote() {
    return (InetSocketAddress) channel.remoteAddress();
  }

  boolean servesStream(long stream) {
    return version.streams().contains(stream);
  }

  @Override
  public String toString() {
    return name;
  }

  // ---- entry points (any thread) ----

  /** Called once after registration: addr and the big inv (PROTOCOL.md 3.2 step 6). */
  void start() {
    serial.execute(this::sendAddrAndInventory);
  }

  /** Queues an inbound message; stops reading from the socket while too many are queued. */
  void enqueue(Message m) {
    serial.execute(() -> handle(m));
    if (serial.size() > READ_HIGH_WATER && channel.config().isAutoRead()) {
      channel.config().setAutoRead(false);
    }
  }

  /** The channel became writable again: resume serving. */
  void writable() {
    serial.execute(this::pumpWrites);
  }

  /** Periodic: forget timed-out requests, retry deferred ones. */
  void tick() {
    serial.execute(this::onTick);
  }

  /** Announces a newly stored object to this peer; batched into one inv per drain. */
  void announce(InventoryVector v) {
    if (announcementCount.incrementAndGet() > WireLimits.MAX_INV_ITEMS) {
      announcementCount.decrementAndGet();
      return; // the peer is far behind; it gets the object from the big inv on reconnect
    }
    announcements.add(v);
    if (announceScheduled.compareAndSet(false, true)) {
      serial.execute(this::flushAnnouncements);
    }
  }

  void markClosed() {
    closed.set(true);
  }

  boolean isClosed() {
    return closed.get() || !channel.isActive();
  }

  // ---- serial-executor methods ----

  private void handle(Message m) {
    try {
      if (isClosed()) {
        return;
      }
      if (m instanceof Inv inv) {
        onInv(inv.vectors());
      } else if (m instanceof Dinv dinv) {
        onInv(dinv.vectors()); // we do not do Dandelion: a stem announce is an announce
      } else if (m instanceof GetData getData) {
        onGetData(getData.vectors());
      } else if (m instanceof ObjectMessage object) {
        queueObject(object);
      } else if (m instanceof Addr addr) {
        onAddr(addr);
      } else if (m instanceof Ping) {
        channel.writeAndFlush(new Pong());
      } else if (m instanceof ErrorMessage e) {
        log.info("{}: error from peer (fatal={}): {}", name, e.fatal(), e.textString());
      } else {
        log.debug("{}: ignoring '{}'", name, m.command()); // pong, late version/verack, unknown
      }
    } finally {
      if (serial.size() < READ_LOW_WATER && !channel.config().isAutoRead()) {
        channel.config().setAutoRead(true);
      }
    }
  }

  private void sendAddrAndInventory() {
    if (isClosed()) {
      return;
    }
    long now = group.nowSeconds();
    List<TimedNetworkAddress> addrs = new ArrayList<>();
    for (long stream : version.streams()) {
      if (!group.params().servesStream(stream)) {
        continue;
      }
      for (KnownNode n : group.recentNodes(stream, now)) {
        if (addrs.size() >= WireLimits.MAX_ADDR_ITEMS) {
          break;
        }
        toWire(n).ifPresent(addrs::add);
      }
    }
    if (!addrs.isEmpty()) {
      channel.write(new Addr(addrs));
    }
    int total = 0;
    for (long stream : version.streams()) {
      if (!group.params().servesStream(stream)) {
        continue;
      }
      List<InventoryVector> all = group.inventory().unexpiredVectors(stream, now);
      total += all.size();
      for (int i = 0; i < all.size(); i += WireLimits.SEND_INV_CHUNK) {
        outgoing.add(new Inv(all.subList(i, Math.min(all.size(), i + WireLimits.SEND_INV_CHUNK))));
      }
    }
    log.info("{}: established ({}, {}, streams {}); announcing {} objects, {} addresses", name,
        inbound ? "inbound" : "outbound", version.userAgentText(), version.streams(), total,
        addrs.size());
    pumpWrites();
    channel.flush(); // the addr, when there was no inventory to push it out
  }

  private static Optional<TimedNetworkAddress> toWire(KnownNode n) {
    try {
      var ip = java.net.InetAddress.getByName(n.host()); // literal IPs only: no lookup happens
      return Optional.of(
          new TimedNetworkAddress(
              n.lastSeen(), n.stream(),
              new NetworkAddress(n.services(), HostEncoding.encode(ip), n.port())));
    } catch (java.net.UnknownHostException e) {
      return Optional.empty();
    }
  }

  private void onInv(List<InventoryVector> vectors) {
    for (InventoryVector v : vectors) {
      if (fetch.tracks(v) || group.inventory().contains(v)) {
        continue;
      }
      if (fetch.tracked() >= group.settings().maxPendingPerPeer()) {
        group.misbehaved(this, "announced more than " + group.settings().maxPendingPerPeer()
            + " objects it has not delivered");
        return;
      }
      fetch.queue(v);
    }
    pumpRequests();
  }

  private void pumpRequests() {
    if (isClosed()) {
      return;
    }
    long now = group.nowMillis();
    List<InventoryVector> request = fetch.nextRequests(group.settings().maxInFlightPerPeer(), now,
        now + group.settings().requestTimeout().toMillis(), group.inventory()::contains,
        group.requests());
    if (!request.isEmpty()) {
      channel.writeAndFlush(new GetData(request));
    }
  }

  private void onTick() {
    if (isClosed()) {
      return;
    }
    int expired = fetch.expire(group.nowMillis());
    if (expired > 0) {
      log.info("{}: forgot {} requests not answered within {}", name, expired,
          group.settings().requestTimeout());
    }
    pumpRequests();
  }

  /**
   * Collects delivered objects and ingests them together once the objects already queued behind
   * this one have been collected: batches adapt to the arrival rate without a timer, and one
   * database commit covers the batch.
   */
  private void queueObject(ObjectMessage object) {
    objectBatch.add(object);
    if (!batchScheduled) {
      batchScheduled = true;
      serial.execute(this::ingestBatch);
    }
  }

  private void ingestBatch() {
    batchScheduled = false;
    if (isClosed() || objectBatch.isEmpty()) {
      objectBatch.clear();
      return;
    }
    List<ObjectMessage> batch = new ArrayList<>(objectBatch);
    objectBatch.clear();
    for (ObjectMessage o : batch) {
      fetch.delivered(o.inventoryVector());
    }
    List<ObjectIngest.Result> results = group.ingest().ingestAll(batch);
    for (int i = 0; i < batch.size(); i++) {
      ObjectMessage object = batch.get(i);
      InventoryVector v = object.inventoryVector();
      group.requests().release(v);
      ObjectIngest.Result result = results.get(i);
      switch (result.outcome()) {
        case STORED -> group.relay(object, this);
        case DUPLICATE -> log.trace("{}: duplicate object {}", name, v);
        case IGNORED -> log.debug("{}: object {} not kept: {}", name, v, result.verdict().reason());
        case INVALID -> {
          // Valid objects of the same batch are kept; the sender is dropped either way.
          group.misbehaved(this, "invalid object " + v + ": " + result.verdict().reason());
          return;
        }
      }
    }
    // Refill the request window in batches rather than one getdata per delivered object.
    if (fetch.inFlight() <= group.settings().maxInFlightPerPeer() / 2) {
      pumpRequests();
    }
  }

  private void onGetData(List<InventoryVector> vectors) {
    for (InventoryVector v : vectors) {
      if (servesQueued >= group.settings().maxServeQueue()) {
        if (!servesTruncatedLogged) {
          log.info("{}: getdata queue full ({}), ignoring further requests", name, servesQueued);
          servesTruncatedLogged = true;
        }
        break;
      }
      outgoing.add(v);
      servesQueued++;
    }
    pumpWrites();
  }

  /** Writes queued invs and served objects while the channel's outbound buffer has room. */
  private void pumpWrites() {
    int written = 0;
    while (!isClosed() && channel.isWritable() && !outgoing.isEmpty()) {
      Object next = outgoing.poll();
      if (next instanceof InventoryVector v) {
        servesQueued--;
        Optional<InventoryItem> item = group.inventory().get(v);
        if (item.isEmpty()) {
          continue; // PyB also just skips vectors it does not have
        }
        channel.write(item.get().toObject());
      } else {
        channel.write(next);
      }
      if (++written % FLUSH_EVERY == 0) {
        channel.flush();
      }
    }
    if (outgoing.isEmpty()) {
      servesTruncatedLogged = false;
    }
    if (written > 0) {
      channel.flush();
    }
  }

  private void flushAnnouncements() {
    announceScheduled.set(false);
    List<InventoryVector> batch = new ArrayList<>();
    InventoryVector v;
    while (batch.size() < WireLimits.MAX_INV_ITEMS && (v = announcements.poll()) != null) {
      announcementCount.decrementAndGet();
      batch.add(v);
    }
    if (!batch.isEmpty() && !isClosed()) {
      channel.writeAndFlush(new Inv(batch));
    }
    if (!announcements.isEmpty() && announceScheduled.compareAndSet(false, true)) {
      serial.execute(this::flushAnnouncements);
    }
  }

  private void onAddr(Addr addr) {
    long now = group.nowSeconds();
    int kept = 0;
    for (TimedNetworkAddress a : addr.addresses()) {
      var ip = group.addrPolicy().accept(a, now);
      if (ip.isPresent()) {
        group.knownNodes().upsert(
            new KnownNode(ip.get().getHostAddress(), a.address().port(), a.stream(),
                a.address().services(), a.time(), 0));
        kept++;
      }
    }
    log.debug("{}: addr with {} entries, kept {}", name, addr.addresses().size(), kept);
  }
}
