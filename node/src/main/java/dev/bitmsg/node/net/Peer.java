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
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One established connection: the peer's version, its serial work queue with read backpressure, and
 * the dispatch of each inbound message to the part that handles it: {@link ObjectDownload} (what we
 * fetch from the peer), {@link ObjectUpload} (what we announce and serve to it) and {@link
 * AddrGossip} (addresses both ways); pings are answered here (PROTOCOL.md 3.4, 3.5).
 *
 * <p>Threading: every method that touches the download and upload state runs on this peer's {@link
 * SerialExecutor}, so that state is confined to one task at a time and needs no locks; the other
 * fields are final or atomic. Writes go to the Netty channel, which is thread-safe.
 */
final class Peer {
  private static final Logger log = LoggerFactory.getLogger(Peer.class);

  /** Queued inbound messages above which the channel stops reading, and where it resumes. */
  private static final int READ_HIGH_WATER = 32;

  private static final int READ_LOW_WATER = 8;

  private final Channel channel;
  private final boolean inbound;
  private final Version version;
  private final PeerGroup group;
  private final SerialExecutor serial;
  private final String name;
  private final ObjectDownload download;
  private final ObjectUpload upload;
  private final AtomicBoolean closed = new AtomicBoolean();

  Peer(Channel channel, boolean inbound, Version version, PeerGroup group, SerialExecutor serial) {
    this.channel = channel;
    this.inbound = inbound;
    this.version = version;
    this.group = group;
    this.serial = serial;
    this.name = String.valueOf(channel.remoteAddress());
    this.download = new ObjectDownload(this, group, serial);
    this.upload = new ObjectUpload(this, group, serial);
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
    serial.execute(this::greet);
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
    serial.execute(upload::pump);
  }

  /** Periodic: forget timed-out requests, retry deferred ones. */
  void tick() {
    serial.execute(download::tick);
  }

  /** Announces a newly stored object to this peer; batched into one inv per drain. */
  void announce(InventoryVector v) {
    upload.announce(v);
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
        download.announced(inv.vectors());
      } else if (m instanceof Dinv dinv) {
        download.announced(
            dinv.vectors()); // we do not do Dandelion: a stem announce is an announce
      } else if (m instanceof GetData getData) {
        upload.requested(getData.vectors());
      } else if (m instanceof ObjectMessage object) {
        download.delivered(object);
      } else if (m instanceof Addr addr) {
        group.addrGossip().received(this, addr);
      } else if (m instanceof Ping) {
        channel.writeAndFlush(new Pong()).addListener(ChannelFailures.LOG_WRITE);
      } else if (m instanceof ErrorMessage e) {
        log.info(
            "error message from peer peer={} fatal={} text={}", name, e.fatal(), e.textString());
      } else {
        log.debug(
            "message ignored peer={} command={}",
            name,
            m.command()); // pong, late version/verack, unknown
      }
    } finally {
      if (serial.size() < READ_LOW_WATER && !channel.config().isAutoRead()) {
        channel.config().setAutoRead(true);
      }
    }
  }

  private void greet() {
    if (isClosed()) {
      return;
    }
    int addrs = group.addrGossip().advertiseTo(this);
    int objects = upload.queueInventory();
    log.info(
        "peer established peer={} direction={} userAgent={} streams={} announcing={} addresses={}",
        name,
        inbound ? "inbound" : "outbound",
        version.userAgentText(),
        version.streams(),
        objects,
        addrs);
    upload.pump();
    channel.flush(); // the addr, when there was no inventory to push it out
  }
}
