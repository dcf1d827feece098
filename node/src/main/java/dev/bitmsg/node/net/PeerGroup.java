package dev.bitmsg.node.net;

import dev.bitmsg.node.crypto.TlsEngines;
import dev.bitmsg.node.net.tls.LinkTls;
import dev.bitmsg.node.store.Inventory;
import dev.bitmsg.node.store.KnownNodes;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.Version;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's connections: owns the event loops, the worker pool and the timer, builds each
 * channel's pipeline and keeps the registry of established peers. Event loops only decode, encode
 * and hand messages over; validation and storage run on a bounded worker pool, one serial queue per
 * peer.
 *
 * <p>The parts: {@link InboundListener} (listen socket, handshake and established inbound slots,
 * {@link InboundSlots}), {@link Dialler} (dial-backs, outbound slots from the {@code --connect}
 * list, known nodes or the bootstrap list, spread over network groups), {@link PeerGuard} (who may
 * stay, what a violation costs: {@link Misbehaviour}, {@link BanList}), {@link ObjectRelay}
 * (propagation of new objects, relay figures), {@link AddrGossip} (addresses), and per peer {@link
 * Peer} with its {@link ObjectDownload} and {@link ObjectUpload}; {@link PeerPipeline} lists the
 * handlers of a channel. The rules are in docs/node.md, "Peer policy".
 *
 * <p>Thread-safe: fields are final and hold concurrent collections or are set once in {@link
 * #start()} before any connection exists.
 */
public final class PeerGroup implements NodeNetwork, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeerGroup.class);
  static final int WRITE_LOW_WATER = 256 * 1024;
  static final int WRITE_HIGH_WATER = 1024 * 1024;
  private static final int WORK_QUEUE = 10_000;

  /**
   * How the group connects: listen address (empty = client-only), fixed peers, bootstrap, and the
   * privacy settings (proxy, onion service, Dandelion, traffic limits).
   */
  public record Mode(
      Optional<InetSocketAddress> listen,
      List<HostPort> connectOnly,
      boolean bootstrap,
      PrivacySettings privacy) {
    public Mode {
      connectOnly = List.copyOf(connectOnly);
    }

    /** Without privacy options ({@link PrivacySettings#defaults()}). */
    public Mode(Optional<InetSocketAddress> listen, List<HostPort> connectOnly, boolean bootstrap) {
      this(listen, connectOnly, bootstrap, PrivacySettings.defaults());
    }
  }

  private final NetworkParams params;
  private final PeerSettings settings;
  private final Mode mode;
  private final ObjectIngest ingest;
  private final KnownNodes knownNodes;
  private final Clock clock;
  private final NetGroups netGroups;
  private final BanList banList;
  private final RequestTracker requests;
  private final ConcurrentHashMap<Channel, Peer> peers = new ConcurrentHashMap<>();
  private final Set<Channel> allChannels = ConcurrentHashMap.newKeySet();
  private final EventLoopGroup loops;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService timer;
  // Handles of dialling and the request tick, cancelled on close; both tasks log their own
  // failures.
  private final List<ScheduledFuture<?>> periodic = new CopyOnWriteArrayList<>();
  private final PeerPipeline pipeline;
  private final Dialler dialler;
  private final InboundListener listener;
  private final ObjectRelay relay;
  private final AddrGossip addrGossip;
  private final PeerGuard guard;
  private final TrafficShaper traffic;
  private final List<ConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
  private volatile Optional<InetSocketAddress> bound = Optional.empty();

  /**
   * @param tls the TLS engines of encrypted links; required when {@code params} advertise {@code
   *     NODE_SSL}
   */
  public PeerGroup(
      NetworkParams params,
      PeerSettings settings,
      Mode mode,
      ObjectIngest ingest,
      KnownNodes knownNodes,
      Optional<TlsEngines> tls,
      Clock clock) {
    this.params = params.withDandelion(mode.privacy().dandelion().enabled());
    this.settings = settings;
    this.mode = mode;
    this.ingest = ingest;
    this.knownNodes = knownNodes;
    this.clock = clock;
    PeerPolicy policy = settings.policy();
    this.netGroups = new NetGroups(policy.exemptLoopback());
    this.banList = new BanList(clock, settings.banDuration(), policy.maxBans());
    this.requests =
        new RequestTracker(policy.claimTimeout().toMillis(), settings.requestTimeout().toMillis());
    this.loops =
        new MultiThreadIoEventLoopGroup(
            Math.min(2, Runtime.getRuntime().availableProcessors()),
            new DefaultThreadFactory("bitmsg-io", true),
            NioIoHandler.newFactory());
    this.workers =
        new ThreadPoolExecutor(
            settings.workerThreads(),
            settings.workerThreads(),
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(WORK_QUEUE),
            new DefaultThreadFactory("bitmsg-worker", true));
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("bitmsg-net-timer", true));
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
    ingest.addStoredListener(OnionPeers.listener(knownNodes, clock));
    this.traffic = new TrafficShaper(loops, mode.privacy().traffic());
    this.dialler = new Dialler(this, mode, loops, ch -> initPipeline(ch, true));
    this.listener =
        new InboundListener(settings, netGroups, loops, ch -> initPipeline(ch, false), clock);
    this.relay =
        new ObjectRelay(
            peers.values(),
            ingest,
            clock,
            new Dandelion<>(mode.privacy().dandelion(), clock::millis, new java.util.Random()));
    this.addrGossip =
        new AddrGossip(
            params,
            knownNodes,
            new AddrPolicy(params, settings.acceptLoopbackAddrs()),
            new AddrBudget(netGroups, policy, clock),
            clock,
            this::offload);
    // Points decay by the ban threshold per ban duration (100 an hour by default).
    double decayPerMilli = policy.banThreshold() / (double) settings.banDuration().toMillis();
    Misbehaviour misbehaviour =
        new Misbehaviour(
            new PeerScores(decayPerMilli, policy.maxBans()), banList, policy.banThreshold(), clock);
    this.guard = new PeerGuard(netGroups, misbehaviour, listener, dialler, addrGossip);
    this.pipeline = new PeerPipeline(this, guard, params, settings, tls, clock);
  }

  /** Binds the listener (unless client-only) and starts dialling and the request timer. */
  public void start() throws InterruptedException {
    if (mode.listen().isPresent()) {
      bound = Optional.of(listener.bind(mode.listen().get()));
      log.info("listening address={}", bound.get());
    } else {
      log.info("client-only, not listening");
    }
    long dial = settings.dialInterval().toMillis();
    periodic.add(timer.scheduleWithFixedDelay(dialler::tick, 0, dial, TimeUnit.MILLISECONDS));
    long tick = settings.tickInterval().toMillis();
    periodic.add(
        timer.scheduleWithFixedDelay(this::requestTick, tick, tick, TimeUnit.MILLISECONDS));
  }

  /** The bound listen address; empty in client-only mode or before {@link #start()}. */
  public Optional<InetSocketAddress> boundAddress() {
    return bound;
  }

  private void initPipeline(Channel ch, boolean initiator) {
    allChannels.add(ch);
    ch.closeFuture().addListener(f -> allChannels.remove(ch));
    traffic.install(ch.pipeline());
    pipeline.init(ch, initiator, bound.map(InetSocketAddress::getPort).orElse(0));
  }

  // ---- peers ----

  Peer register(Channel ch, boolean inbound, Version version) {
    Optional<HostPort> target = DialTargets.of(ch);
    InetSocketAddress remote =
        target.map(DialTargets::address).orElse((InetSocketAddress) ch.remoteAddress());
    PeerId id;
    if (target.isPresent()) {
      id = idOf(target.get());
    } else {
      int listening = inbound ? version.addrFrom().port() : remote.getPort();
      id = PeerId.of(netGroups, remote.getAddress(), listening);
    }
    Peer peer =
        new Peer(
            ch, inbound, version, id, this, new SerialExecutor(workers, String.valueOf(remote)));
    peers.put(ch, peer);
    addrGossip.connected(peer);
    relay.established(peer);
    peer.start();
    tellListeners(info(peer), true);
    return peer;
  }

  void unregister(Peer peer) {
    peer.markClosed();
    relay.closed(peer);
    if (peers.remove(peer.channel()) != null) {
      log.info("peer disconnected peer={}", peer);
      tellListeners(info(peer), false);
    }
  }

  /** Runs after the registry changed; a listener that fails is logged and kept. */
  private void tellListeners(PeerInfo peer, boolean connected) {
    int count = peers.size();
    for (ConnectionListener l : connectionListeners) {
      try {
        if (connected) {
          l.connected(peer, count);
        } else {
          l.disconnected(peer, count);
        }
      } catch (RuntimeException e) {
        log.warn("connection listener failed peer={}", peer.endpoint(), e);
      }
    }
  }

  /** Scores a violation of {@code peer}; closes or bans it as {@link PeerGuard} decides. */
  void misbehaved(Peer peer, Violation violation, String detail) {
    guard.misbehaved(peer, violation, detail);
  }

  void onException(Channel ch, Throwable cause) {
    guard.onException(ch, peers.get(ch), cause);
  }

  /** {@code peer} delivered an object we did not have: protects it from eviction for a while. */
  void usefulDelivery(Peer peer) {
    if (peer.inbound()) {
      listener.delivered(peer.channel());
    }
  }

  @Override
  public ObjectIngest.Result submit(ObjectMessage object) {
    return relay.submit(object);
  }

  @Override
  public RelayCounts relayCounts() {
    return relay.counts();
  }

  @Override
  public TrafficCounts traffic() {
    return traffic.counts();
  }

  private void requestTick() {
    try {
      for (Peer p : peers.values()) {
        p.tick();
      }
      requests.prune(clock.millis());
      List<Peer> outbound = new ArrayList<>();
      for (Peer p : peers.values()) {
        if (!p.inbound()) {
          outbound.add(p);
        }
      }
      relay.dandelionTick(outbound);
    } catch (RuntimeException e) {
      // A scheduled task that throws is silently descheduled; log it and keep the schedule.
      log.warn("request tick failed", e);
    }
  }

  /** Runs bookkeeping (database work) on the worker pool, never on an event loop. */
  void offload(Runnable task) {
    try {
      workers.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              log.warn("background task failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      log.warn("worker queue full, bookkeeping task dropped");
    }
  }

  // ---- accessors for peers and callers ----

  @Override
  public List<PeerInfo> peers() {
    List<PeerInfo> out = new ArrayList<>();
    for (Peer p : peers.values()) {
      out.add(info(p));
    }
    return out;
  }

  private static PeerInfo info(Peer p) {
    return new PeerInfo(
        p.remote(), p.inbound(), p.version().userAgentText(), LinkTls.cipherSuite(p.channel()));
  }

  @Override
  public void addConnectionListener(ConnectionListener listener) {
    connectionListeners.add(listener);
  }

  @Override
  public void removeConnectionListener(ConnectionListener listener) {
    connectionListeners.remove(listener);
  }

  public BanList banList() {
    return banList;
  }

  /** Inbound connections still in their handshake, and established ones. */
  public int inboundHandshaking() {
    return listener.handshaking();
  }

  public int inboundEstablished() {
    return listener.established();
  }

  /** Whether the peer listening at {@code ip:port} is banned. */
  boolean isBanned(InetAddress ip, int port) {
    return guard.isBanned(PeerId.of(netGroups, ip, port));
  }

  /** Whether the peer dialled by name (through the proxy) at {@code hp} is banned. */
  boolean isBannedName(HostPort hp) {
    return guard.isBanned(idOf(hp));
  }

  /** The identity of a peer dialled through the proxy: its literal address, else its name. */
  private PeerId idOf(HostPort target) {
    Optional<InetAddress> literal = DialTargets.literal(target.host());
    return literal.isPresent()
        ? PeerId.of(netGroups, literal.get(), target.port())
        : new PeerId("name:" + target.host().toLowerCase(java.util.Locale.ROOT), target.port());
  }

  NetGroups netGroups() {
    return netGroups;
  }

  NetworkParams params() {
    return params;
  }

  PrivacySettings privacy() {
    return mode.privacy();
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

  ObjectRelay relay() {
    return relay;
  }

  AddrGossip addrGossip() {
    return addrGossip;
  }

  Optional<InetSocketAddress> bound() {
    return bound;
  }

  /** Whether a peer listening at {@code ip:port} is already connected to us inbound. */
  boolean connectedInbound(InetAddress ip, int port) {
    for (Peer p : peers.values()) {
      if (p.inbound()
          && p.version().addrFrom().port() == port
          && p.remote().getAddress().equals(ip)) {
        return true;
      }
    }
    return false;
  }

  long nowSeconds() {
    return clock.instant().getEpochSecond();
  }

  long nowMillis() {
    return clock.millis();
  }

  @Override
  public void close() {
    periodic.forEach(p -> p.cancel(false));
    timer.shutdownNow();
    listener.close();
    for (Channel ch : allChannels) {
      ch.close().addListener(ChannelFailures.LOG_CLOSE);
    }
    traffic.close();
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
