package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.Addr;
import dev.bitmsg.node.wire.Dinv;
import dev.bitmsg.node.wire.ErrorMessage;
import dev.bitmsg.node.wire.GetData;
import dev.bitmsg.node.wire.Inv;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.Ping;
import dev.bitmsg.node.wire.Pong;
import dev.bitmsg.node.wire.Version;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One established connection: the peer's version and identity ({@link PeerId}), its serial work
 * queue with read backpressure, and the dispatch of each inbound message to the part that handles
 * it: {@link ObjectDownload} (what we fetch from the peer), {@link ObjectUpload} (what we announce
 * and serve to it) and {@link AddrGossip} (addresses both ways); pings are answered here
 * (PROTOCOL.md 3.4, 3.5).
 *
 * <p>Backpressure: the channel stops being read while more than 32 messages, or messages weighing
 * more than about 6 MB (inventory vectors and object bytes), wait in the queue, and while the
 * download holds the peer back (announcement budget spent, or too many announced objects owed); it
 * resumes below 8 messages and 1 MB. Held-back announcements wait in the socket, unread and
 * unpenalised.
 *
 * <p>Threading: every method that touches the download and upload state runs on this peer's {@link
 * SerialExecutor}, so that state is confined to one task at a time and needs no locks; the other
 * fields are final, volatile or atomic. Writes go to the Netty channel, which is thread-safe.
 */
final class Peer {
  private static final Logger log = LoggerFactory.getLogger(Peer.class);

  /** Queued inbound messages above which the channel stops reading, and where it resumes. */
  private static final int READ_HIGH_WATER = 32;

  private static final int READ_LOW_WATER = 8;

  /** Queued weight (inventory vectors; object bytes / 100) to stop and to resume reading at. */
  private static final int WEIGHT_HIGH_WATER = 60_000;

  private static final int WEIGHT_LOW_WATER = 10_000;

  private final Channel channel;
  private final boolean inbound;
  private final Version version;
  private final PeerGroup group;
  private final SerialExecutor serial;
  private final String name;
  private final ObjectDownload download;
  private final ObjectUpload upload;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger queuedWeight = new AtomicInteger();
  private final PeerId id;
  private volatile boolean heldBack;

  Peer(
      Channel channel,
      boolean inbound,
      Version version,
      PeerId id,
      PeerGroup group,
      SerialExecutor serial) {
    this.channel = channel;
    this.inbound = inbound;
    this.version = version;
    this.id = id;
    this.group = group;
    this.serial = serial;
    this.name = String.valueOf(DialTargets.remote(channel));
    this.download = new ObjectDownload(this, group, serial);
    this.upload = new ObjectUpload(this, group, serial);
  }

  /** Who the peer is for scores and bans: host and listening port. */
  PeerId id() {
    return id;
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

  /** The peer's address; for a peer dialled through the proxy the dialled host and port. */
  InetSocketAddress remote() {
    return DialTargets.remote(channel);
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
    serial.execute(this::greet);
  }

  /** Queues an inbound message; stops reading from the socket while too much is queued. */
  void enqueue(Message m) {
    int weight = weight(m);
    queuedWeight.addAndGet(weight);
    serial.execute(
        () -> {
          try {
            handle(m);
          } finally {
            queuedWeight.addAndGet(-weight);
            updateReading();
          }
        });
    updateReading();
  }

  /** Holds the peer's further messages back in the socket ({@code true}) or lets them in. */
  void holdBack(boolean hold) {
    heldBack = hold;
    updateReading();
  }

  private static int weight(Message m) {
    if (m instanceof Inv inv) {
      return 1 + inv.vectors().size();
    }
    if (m instanceof Dinv dinv) {
      return 1 + dinv.vectors().size();
    }
    if (m instanceof GetData getData) {
      return 1 + getData.vectors().size();
    }
    if (m instanceof ObjectMessage o) {
      return 1 + o.length() / 100;
    }
    return 1;
  }

  /**
   * Switches reading off above the high water marks or while held back, on again below the low
   * ones. Called from the event loop and the worker threads; a decision lost to a race is redone by
   * the next message processed or the next tick.
   */
  private void updateReading() {
    boolean reading = channel.config().isAutoRead();
    int queued = serial.size();
    int weight = queuedWeight.get();
    if (reading && (heldBack || queued > READ_HIGH_WATER || weight > WEIGHT_HIGH_WATER)) {
      channel.config().setAutoRead(false);
    } else if (!reading
        && !heldBack
        && queued < READ_LOW_WATER
        && weight < WEIGHT_LOW_WATER
        && !isClosed()
        && !ReadLimiter.isPaused(channel)) {
      channel.config().setAutoRead(true);
    }
  }

  /** The channel became writable again: resume serving. */
  void writable() {
    serial.execute(upload::pump);
  }

  /** Periodic: forget timed-out requests, retry deferred ones, resume reading when due. */
  void tick() {
    serial.execute(download::tick);
    updateReading();
  }

  /** Whether the node-wide claims of this peer are live: when it last delivered an object. */
  RequestTracker.Owner claimOwner() {
    return download;
  }

  /** Announces a newly stored object to this peer; batched into one inv per drain. */
  void announce(InventoryVector v) {
    upload.announce(v);
  }

  /** Announces a stem object to this peer, its stem child, with a {@code dinv}. */
  void announceStem(InventoryVector v) {
    serial.execute(
        () -> {
          if (!isClosed()) {
            channel.writeAndFlush(new Dinv(List.of(v))).addListener(ChannelFailures.LOG_WRITE);
          }
        });
  }

  void markClosed() {
    closed.set(true);
  }

  boolean isClosed() {
    return closed.get() || !channel.isActive();
  }

  // ---- serial-executor methods ----

  private void handle(Message m) {
    if (isClosed()) {
      return;
    }
    if (m instanceof Inv inv) {
      download.announced(inv.vectors());
    } else if (m instanceof Dinv dinv) {
      if (group.relay().dandelionEnabled()) {
        download.announced(group.relay().stemAnnounced(this, dinv.vectors()));
      } // Dandelion off: dinv ignored, as PyBitmessage does
    } else if (m instanceof GetData getData) {
      upload.requested(getData.vectors());
    } else if (m instanceof ObjectMessage object) {
      download.delivered(object);
    } else if (m instanceof Addr addr) {
      group.addrGossip().received(this, addr);
    } else if (m instanceof Ping) {
      channel.writeAndFlush(new Pong()).addListener(ChannelFailures.LOG_WRITE);
    } else if (m instanceof ErrorMessage e) {
      log.info("error message from peer peer={} fatal={} text={}", name, e.fatal(), e.textString());
    } else {
      log.debug(
          "message ignored peer={} command={}",
          name,
          m.command()); // pong, late version/verack, unknown
    }
  }

  private void greet() {
    if (isClosed()) {
      return;
    }
    int addrs = group.addrGossip().advertiseTo(this);
    upload.queueInventory();
    log.info(
        "peer established peer={} direction={} userAgent={} streams={} addresses={}",
        name,
        inbound ? "inbound" : "outbound",
        version.userAgentText(),
        version.streams(),
        addrs);
    upload.pump();
    channel.flush(); // the addr, when there was no inventory to push it out
  }
}
