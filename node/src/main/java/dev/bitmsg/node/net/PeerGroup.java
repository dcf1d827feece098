package dev.bitmsg.node.net;

import dev.bitmsg.node.net.tls.LinkTls;
import dev.bitmsg.node.store.Inventory;
import dev.bitmsg.node.store.KnownNode;
import dev.bitmsg.node.store.KnownNodes;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ProtocolException;
import dev.bitmsg.node.wire.Version;
import dev.bitmsg.node.wire.WireLimits;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's connections: listens (unless client-only), keeps outbound connections topped up from
 * the {@code --connect} list, known nodes or the bootstrap list, builds each channel's pipeline,
 * tracks established peers, relays every newly stored object to the other peers and drops and
 * bans misbehaving ones. Event loops only decode, encode and hand messages over; validation and
 * storage run on a bounded worker pool, one serial queue per peer.
 *
 * <p>Dialling lives in {@link Dialler}. Pipeline per channel: {@code IdleStateHandler -> FrameDecoder (fail fast) -> MessageDecoder
 * -> MessageEncoder -> HandshakeHandler -> [TlsSwitch] -> PeerHandler}; the TLS switch is there
 * when the node advertises {@code NODE_SSL} and puts an {@code SslHandler} in front once both
 * sides advertised it (PROTOCOL.md 3.3).
 *
 * <p>Thread-safe: fields are final and hold concurrent collections or are set once in {@link
 * #start()} before any connection exists.
 */
public final class PeerGroup implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeerGroup.class);
  static final int WRITE_LOW_WATER = 256 * 1024;
  static final int WRITE_HIGH_WATER = 1024 * 1024;
  private static final int WORK_QUEUE = 10_000;
  static final String FRAMES = "frames";

  /** How the group connects: listen address (empty = client-only), fixed peers, bootstrap. */
  public record Mode(Optional<InetSocketAddress> listen, List<HostPort> connectOnly, boolean bootstrap) {
    public Mode {
      connectOnly = List.copyOf(connectOnly);
    }
  }

  private final NetworkParams params;
  private final PeerSettings settings;
  private final Mode mode;
  private final ObjectIngest ingest;
  private final KnownNodes knownNodes;
  private final Clock clock;
  private final BanList banList;
  private final SelfNonces selfNonces = new SelfNonces();
  private final RequestTracker requests = new RequestTracker();
  private final AddrPolicy addrPolicy;
  private final ConcurrentHashMap<Channel, Peer> peers = new ConcurrentHashMap<>();
  private final Set<Channel> allChannels = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inboundCount = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Channel> inboundIps = new ConcurrentHashMap<>();
  private final EventLoopGroup loops;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService timer;
  private final Optional<LinkTls> tls;
  private final Dialler dialler;
  private volatile Optional<InetSocketAddress> bound = Optional.empty();
  private volatile @Nullable Channel serverChannel;

  public PeerGroup(
      NetworkParams params,
      PeerSettings settings,
      Mode mode,
      ObjectIngest ingest,
      KnownNodes knownNodes,
      Clock clock) {
    this.params = params;
    this.settings = settings;
    this.mode = mode;
    this.ingest = ingest;
    this.knownNodes = knownNodes;
    this.clock = clock;
    this.banList = new BanList(clock, settings.banDuration());
    this.addrPolicy = new AddrPolicy(params, settings.acceptLoopbackAddrs());
    this.loops = new MultiThreadIoEventLoopGroup(
        Math.min(2, Runtime.getRuntime().availableProcessors()),
        new DefaultThreadFactory("bitmsg-io", true), NioIoHandler.newFactory());
    this.workers = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(),
        30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WORK_QUEUE),
        new DefaultThreadFactory("bitmsg-worker", true));
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("bitmsg-net-timer", true));
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
    this.tls = params.advertisesTls()
        ? Optional.of(LinkTls.create(settings.handshakeTimeout())) : Optional.empty();
    this.dialler = new Dialler(this, mode, loops, ch -> initPipeline(ch, true));
  }

  /** Binds the listener (unless client-only) and starts dialling and the request timer. */
  public void start() throws InterruptedException {
    if (mode.listen().isPresent()) {
      ServerBootstrap sb = new ServerBootstrap()
          .group(loops)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 128)
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
              new WriteBufferWaterMark(WRITE_LOW_WATER, WRITE_HIGH_WATER))
          .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, WireSizeEstimator.INSTANCE)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              admitInbound(ch);
            }
          });
      ChannelFuture f = sb.bind(mode.listen().get()).sync();
      serverChannel = f.channel();
      bound = Optional.of((InetSocketAddress) serverChannel.localAddress());
      log.info("listening on {}", bound.get());
    } else {
      log.info("client-only mode: not listening");
    }
    long dial = settings.dialInterval().toMillis();
    timer.scheduleWithFixedDelay(dialler::tick, 0, dial, TimeUnit.MILLISECONDS);
    long tick = settings.tickInterval().toMillis();
    timer.scheduleWithFixedDelay(this::requestTick, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** The bound listen address; empty in client-only mode or before {@link #start()}. */
  public Optional<InetSocketAddress> boundAddress() {
    return bound;
  }

  private void admitInbound(SocketChannel ch) {
    InetAddress ip = ch.remoteAddress().getAddress();
    if (banList.isBanned(ip)) {
      log.info("{}: refused, banned", ch.remoteAddress());
      ch.close();
      return;
    }
    if (settings.oneInboundPerIp() && inboundIps.putIfAbsent(ip, ch) != null) {
      log.info("{}: refused, already connected inbound from this address", ch.remoteAddress());
      ch.close();
      return;
    }
    if (settings.oneInboundPerIp()) {
      ch.closeFuture().addListener(f -> inboundIps.remove(ip, ch));
    }
    if (inboundCount.incrementAndGet() > settings.maxInbound()) {
      inboundCount.decrementAndGet();
      log.info("{}: refused, {} inbound connections already", ch.remoteAddress(), settings.maxInbound());
      ch.close();
      return;
    }
    ch.closeFuture().addListener(f -> inboundCount.decrementAndGet());
    initPipeline(ch, false);
  }

  private void initPipeline(Channel ch, boolean initiator) {
    allChannels.add(ch);
    ch.closeFuture().addListener(f -> allChannels.remove(ch));
    int advertisedPort = bound.map(InetSocketAddress::getPort).orElse(0);
    ChannelPipeline p = ch.pipeline();
    p.addLast("idle", new IdleStateHandler(settings.deadAfter().toMillis(), 0,
        settings.pingAfter().toMillis(), TimeUnit.MILLISECONDS));
    p.addLast(FRAMES, new FrameDecoder(WireLimits.MAX_RECEIVE_PAYLOAD));
    p.addLast("messages", MessageDecoder.INSTANCE);
    p.addLast("encoder", MessageEncoder.INSTANCE);
    p.addLast("handshake", new HandshakeHandler(initiator, params, clock, selfNonces,
        advertisedPort, settings.handshakeTimeout().toMillis()));
    tls.ifPresent(t -> p.addLast("tls-switch", new TlsSwitch(t, initiator)));
    p.addLast("peer", new PeerHandler(this, !initiator));
  }

  // ---- peers ----

  Peer register(Channel ch, boolean inbound, Version version) {
    Peer peer = new Peer(ch, inbound, version, this,
        new SerialExecutor(workers, String.valueOf(ch.remoteAddress())));
    peers.put(ch, peer);
    InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
    int port = inbound ? version.addrFrom().port() : remote.getPort();
    long stream = version.streams().stream().filter(params::servesStream).findFirst().orElse(1L);
    if (port > 0 && addrPolicy.isAcceptableHost(remote.getAddress())) {
      KnownNode n = new KnownNode(remote.getAddress().getHostAddress(), port, stream,
          version.services(), nowSeconds(), 0);
      offload(() -> {
        knownNodes.upsert(n);
        if (!inbound) {
          knownNodes.adjustRating(n.host(), n.port(), 0.1);
        }
      });
    }
    peer.start();
    return peer;
  }

  void unregister(Peer peer) {
    peer.markClosed();
    if (peers.remove(peer.channel()) != null) {
      log.info("{}: disconnected", peer);
    }
  }

  /** Relays a newly stored object to every other established peer of its stream. */
  void relay(ObjectMessage object, @Nullable Peer source) {
    var v = object.inventoryVector();
    for (Peer p : peers.values()) {
      if (p != source && p.servesStream(object.stream())) {
        p.announce(v);
      }
    }
  }

  /** Drops and bans a peer that broke the protocol or sent an invalid object. */
  void misbehaved(Peer peer, String reason) {
    peer.markClosed();
    banList.ban(peer.remote().getAddress(), reason);
    peer.channel().close();
  }

  void onException(Channel ch, Throwable cause) {
    Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
    Peer p = peers.get(ch);
    if (p != null) {
      p.markClosed();
    }
    if (c instanceof ProtocolException) {
      if (remote != null) {
        banList.ban(remote.getAddress(), "protocol violation: " + c.getMessage());
      }
    } else if (c instanceof IOException) {
      log.info("{}: {}", remote, c.getMessage());
    } else {
      log.warn("{}: unexpected error, closing", remote, c);
    }
    ch.close();
  }

  /**
   * Ingests an object created or received outside the network (the node's own messages, tests)
   * and announces it to every peer when it is new.
   */
  public ObjectIngest.Result submit(ObjectMessage object) {
    ObjectIngest.Result r = ingest.ingest(object);
    if (r.outcome() == ObjectIngest.Outcome.STORED) {
      relay(object, null);
    }
    return r;
  }

  private void requestTick() {
    for (Peer p : peers.values()) {
      p.tick();
    }
  }

  /** Runs bookkeeping (database work) on the worker pool, never on an event loop. */
  void offload(Runnable task) {
    try {
      workers.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          log.warn("background task failed", e);
        }
      });
    } catch (RejectedExecutionException e) {
      log.warn("worker queue full, dropping a bookkeeping task");
    }
  }

  // ---- accessors for peers and callers ----

  /** A snapshot of the established peers. Immutable. */
  public record PeerInfo(InetSocketAddress remote, boolean inbound, String userAgent,
      Optional<String> tlsCipherSuite) {}

  public List<PeerInfo> peers() {
    List<PeerInfo> out = new ArrayList<>();
    for (Peer p : peers.values()) {
      out.add(new PeerInfo(p.remote(), p.inbound(), p.version().userAgentText(),
          LinkTls.cipherSuite(p.channel())));
    }
    return out;
  }

  public BanList banList() {
    return banList;
  }

  NetworkParams params() {
    return params;
  }

  PeerSettings settings() {
    return settings;
  }

  ObjectIngest ingest() {
    return ingest;
  }

  Inventory inventory() {
    return ingest.inventory();
  }

  KnownNodes knownNodes() {
    return knownNodes;
  }

  RequestTracker requests() {
    return requests;
  }

  AddrPolicy addrPolicy() {
    return addrPolicy;
  }

  Optional<InetSocketAddress> bound() {
    return bound;
  }

  /** Whether a peer listening at {@code ip:port} is already connected to us inbound. */
  boolean connectedInbound(InetAddress ip, int port) {
    for (Peer p : peers.values()) {
      if (p.inbound() && p.version().addrFrom().port() == port
          && p.remote().getAddress().equals(ip)) {
        return true;
      }
    }
    return false;
  }

  List<KnownNode> recentNodes(long stream, long now) {
    return knownNodes.seenSince(stream, now - AddrPolicy.MAX_AGE_SECONDS, 500);
  }

  long nowSeconds() {
    return clock.instant().getEpochSecond();
  }

  long nowMillis() {
    return clock.millis();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    for (Channel ch : allChannels) {
      ch.close();
    }
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
