package dev.bitmsg.node.net;

import dev.bitmsg.node.store.KnownNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the outbound connections topped up, called periodically by the peer group's timer: first
 * the dial-backs (peers we refused inbound for any reason but abuse, dialled at their advertised
 * listening address, up to {@value #MAX_DIAL_BACKS} at a time on top of the outbound slots), then
 * the {@code --connect} peers only when given, else known nodes (nodes we have connected to before
 * first, the rest in random order: the last-seen times in addr messages are the sender's word, so
 * they do not order dialling), else (when allowed) the bootstrap list. Known and bootstrap nodes
 * are spread over network groups: at most one outbound connection per group ({@link
 * NetGroups#group}, IPv4 /16, IPv6 /32), as Bitcoin Core does, so one network cannot supply all our
 * peers. Never dials itself, a banned peer, an endpoint already dialled, or a peer already
 * connected inbound. Failed dials lower a known node's rating. When known nodes are too few and
 * bootstrapping is allowed, PyBitmessage's bootstrap names ({@link #BOOTSTRAP_NAMES}) come before
 * the built-in list.
 *
 * <p>With a SOCKS5 proxy every dial goes through it and no host is resolved here: names and onion
 * names go to the proxy as they are ({@code NoopAddressResolverGroup}), names count as their own
 * network group, and with {@code onionOnly} nothing but {@code .onion} hosts is dialled. Without a
 * proxy onion hosts are never dialled (nor looked up). Thread-safe (concurrent maps and queue;
 * {@link #tick()} runs on the single timer thread).
 */
final class Dialler {
  private static final Logger log = LoggerFactory.getLogger(Dialler.class);

  private final PeerGroup group;
  private final PeerGroup.Mode mode;
  private final EventLoopGroup loops;
  private final Consumer<Channel> initPipeline;
  private final ConcurrentHashMap<HostPort, Channel> outbound = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<HostPort, String> outboundGroups = new ConcurrentHashMap<>();
  private final Set<HostPort> dialBacks = ConcurrentHashMap.newKeySet();
  private final Set<HostPort> queuedDialBacks = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<HostPort> dialBackQueue = new ConcurrentLinkedQueue<>();
  private final Random random = new Random();

  /** Dial-back connections at once, beyond the outbound slots. */
  static final int MAX_DIAL_BACKS = 8;

  /** Dial-backs waiting for their turn; more are dropped (the peer is a known node anyway). */
  private static final int DIAL_BACK_QUEUE = 64;

  /**
   * PyBitmessage's bootstrap names (connectionpool.startBootstrappers): DNS names of nodes, and
   * through a SOCKS5 proxy also its onion bootstrap node.
   */
  static final List<HostPort> BOOTSTRAP_NAMES =
      List.of(
          new HostPort("bootstrap8080.bitmessage.org", 8080),
          new HostPort("bootstrap8444.bitmessage.org", 8444));

  static final HostPort BOOTSTRAP_ONION = new HostPort("quzwelsuziwqgpt2.onion", 8444);

  /** Known nodes looked at per tick, from which the group-spread choice is made. */
  private static final int CANDIDATES = 64;

  Dialler(
      PeerGroup group, PeerGroup.Mode mode, EventLoopGroup loops, Consumer<Channel> initPipeline) {
    this.group = group;
    this.mode = mode;
    this.loops = loops;
    this.initPipeline = initPipeline;
  }

  /** Queues a dial to a peer refused inbound, at its listening address. Any thread. */
  void dialBack(HostPort listening) {
    if (queuedDialBacks.size() < DIAL_BACK_QUEUE && queuedDialBacks.add(listening)) {
      dialBackQueue.add(listening);
    }
  }

  /** Tops up outbound connections; logs and swallows failures so the schedule keeps running. */
  void tick() {
    try {
      HostPort back;
      while (dialBacks.size() < MAX_DIAL_BACKS && (back = dialBackQueue.poll()) != null) {
        queuedDialBacks.remove(back);
        if (dial(back, true)) {
          log.info("dialling back refused peer peer={}", back);
        }
      }
      if (!mode.connectOnly().isEmpty()) {
        for (HostPort hp : mode.connectOnly()) {
          dial(hp, false);
        }
        return;
      }
      int need = group.settings().maxOutbound() - (outbound.size() - dialBacks.size());
      if (need <= 0) {
        return;
      }
      List<HostPort> candidates = new ArrayList<>();
      for (long stream : group.params().streams()) {
        for (KnownNode n : group.knownNodes().candidates(stream, CANDIDATES)) {
          candidates.add(new HostPort(n.host(), n.port()));
        }
      }
      if (candidates.size() < need && mode.bootstrap()) {
        List<HostPort> names = new ArrayList<>(BOOTSTRAP_NAMES);
        if (privacy().socks5().isPresent()) {
          names.add(BOOTSTRAP_ONION);
        }
        Collections.shuffle(names, random);
        candidates.addAll(names);
        List<HostPort> boot = new ArrayList<>(group.params().bootstrapNodes());
        Collections.shuffle(boot, random);
        candidates.addAll(boot);
      }
      if (privacy().onionOnly()) {
        candidates.removeIf(hp -> !OnionName.isOnion(hp.host()));
      }
      Set<String> used = new HashSet<>();
      for (Map.Entry<HostPort, String> e : outboundGroups.entrySet()) {
        if (!dialBacks.contains(e.getKey())) {
          used.add(e.getValue());
        }
      }
      for (HostPort hp : spread(candidates, used, this::groupOf)) {
        if (need <= 0) {
          break;
        }
        if (dial(hp, false)) {
          need--;
        }
      }
    } catch (RuntimeException e) {
      log.warn("dialling failed", e);
    }
  }

  /**
   * The candidates in order, keeping the first of each network group not in {@code used} (and none
   * of a host that does not resolve).
   */
  static List<HostPort> spread(
      List<HostPort> candidates, Set<String> used, Function<HostPort, Optional<String>> groupOf) {
    Set<String> taken = new HashSet<>(used);
    List<HostPort> out = new ArrayList<>();
    for (HostPort hp : candidates) {
      Optional<String> g = groupOf.apply(hp);
      if (g.isPresent() && taken.add(g.get())) {
        out.add(hp);
      }
    }
    return out;
  }

  private Optional<String> groupOf(HostPort hp) {
    Optional<InetAddress> literal = DialTargets.literal(hp.host());
    if (literal.isPresent()) {
      return Optional.of(group.netGroups().group(literal.get()));
    }
    if (privacy().socks5().isPresent()) {
      return Optional.of("name:" + hp.host().toLowerCase(Locale.ROOT));
    }
    if (OnionName.isOnion(hp.host())) {
      return Optional.empty(); // not reachable without the proxy, and never looked up
    }
    try {
      return Optional.of(group.netGroups().group(InetAddress.getByName(hp.host())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private PrivacySettings privacy() {
    return mode.privacy();
  }

  private boolean isSelf(HostPort hp) {
    if (privacy().onionHost().isPresent()
        && OnionName.isOnion(hp.host())
        && privacy().onionHost().get().name().equalsIgnoreCase(hp.host())) {
      return true;
    }
    if (privacy().socks5().isPresent() && DialTargets.literal(hp.host()).isEmpty()) {
      return false; // a name: never looked up here
    }
    Optional<InetSocketAddress> b = group.bound();
    if (b.isEmpty() || b.get().getPort() != hp.port()) {
      return false;
    }
    try {
      InetAddress ip = InetAddress.getByName(hp.host());
      return ip.equals(b.get().getAddress())
          || (b.get().getAddress().isAnyLocalAddress()
              && (ip.isLoopbackAddress() || ip.isAnyLocalAddress()));
    } catch (IOException e) {
      return false;
    }
  }

  /** Dials {@code hp} unless already connected, banned or ourselves; true when a dial started. */
  private boolean dial(HostPort hp, boolean isDialBack) {
    if (outbound.containsKey(hp) || isSelf(hp)) {
      return false;
    }
    Optional<Socks5Proxy> proxy = privacy().socks5();
    if (proxy.isPresent()) {
      return dialThroughProxy(hp, proxy.get(), isDialBack);
    }
    if (OnionName.isOnion(hp.host())) {
      log.debug("onion peer skipped, no --socks5 peer={}", hp);
      return false;
    }
    InetAddress ip;
    try {
      ip = InetAddress.getByName(hp.host());
    } catch (IOException e) {
      log.info("peer address unresolved peer={} cause={}", hp, e.getMessage());
      return false;
    }
    if (group.isBanned(ip, hp.port()) || group.connectedInbound(ip, hp.port())) {
      return false;
    }
    ChannelFuture f = bootstrap().connect(new InetSocketAddress(ip, hp.port()));
    return track(hp, f, group.netGroups().group(ip), ip.getHostAddress(), isDialBack);
  }

  /**
   * Dials {@code hp} through the proxy: the host goes to the proxy unresolved (a name or onion name
   * as a domain name, a literal as an address); with onion-only, anything but an onion is refused
   * before the proxy hears of it.
   */
  private boolean dialThroughProxy(HostPort hp, Socks5Proxy proxy, boolean isDialBack) {
    boolean onion = OnionName.isOnion(hp.host());
    if (privacy().onionOnly() && !onion) {
      log.debug("clearnet peer skipped, --onion-only peer={}", hp);
      return false;
    }
    if (onion) {
      try {
        OnionName.parse(hp.host());
      } catch (IllegalArgumentException e) {
        log.info("bad onion name skipped peer={} cause={}", hp, e.getMessage());
        return false;
      }
    }
    Optional<InetAddress> literal = DialTargets.literal(hp.host());
    if (literal.isPresent()
        && (group.isBanned(literal.get(), hp.port())
            || group.connectedInbound(literal.get(), hp.port()))) {
      return false;
    }
    if (literal.isEmpty() && group.isBannedName(hp)) {
      return false;
    }
    InetSocketAddress proxyAddress =
        new InetSocketAddress(proxy.address().host(), proxy.address().port());
    Socks5Proxy.Credentials c = proxy.credentialsFor(hp);
    Bootstrap b =
        bootstrap()
            .resolver(NoopAddressResolverGroup.INSTANCE)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    DialTargets.set(ch, hp);
                    Socks5ProxyHandler socks =
                        new Socks5ProxyHandler(proxyAddress, c.username(), c.password());
                    socks.setConnectTimeoutMillis(group.settings().handshakeTimeout().toMillis());
                    socks
                        .connectFuture()
                        .addListener(
                            x -> {
                              if (!x.isSuccess()) {
                                proxyRefused(hp, x.cause());
                              }
                            });
                    initPipeline.accept(ch);
                    ch.pipeline().addFirst("socks5", socks);
                  }
                });
    // A literal goes as an address (no lookup happens for it), anything else as a name.
    ChannelFuture f =
        b.connect(
            literal.map(ip -> new InetSocketAddress(ip, hp.port())).orElseGet(hp::toUnresolved));
    String netGroup =
        literal
            .map(ip -> group.netGroups().group(ip))
            .orElse("name:" + hp.host().toLowerCase(Locale.ROOT));
    return track(hp, f, netGroup, hp.host(), isDialBack);
  }

  /** The proxy could not reach {@code hp} (Tor: no circuit, no such onion service). */
  private void proxyRefused(HostPort hp, Throwable cause) {
    log.info("connect through proxy failed peer={} cause={}", hp, cause.getMessage());
    group.offload(() -> group.knownNodes().adjustRating(hp.host(), hp.port(), -0.1));
  }

  private Bootstrap bootstrap() {
    return new Bootstrap()
        .group(loops)
        .channel(NioSocketChannel.class)
        .option(
            ChannelOption.CONNECT_TIMEOUT_MILLIS,
            (int) group.settings().handshakeTimeout().toMillis())
        .option(
            ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(PeerGroup.WRITE_LOW_WATER, PeerGroup.WRITE_HIGH_WATER))
        .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, WireSizeEstimator.INSTANCE)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                initPipeline.accept(ch);
              }
            });
  }

  /** Records a started dial and undoes the record when its channel closes. */
  private boolean track(
      HostPort hp, ChannelFuture f, String netGroup, String ratingHost, boolean isDialBack) {
    if (outbound.putIfAbsent(hp, f.channel()) != null) {
      f.channel().close().addListener(ChannelFailures.LOG_CLOSE);
      return false;
    }
    outboundGroups.put(hp, netGroup);
    if (isDialBack) {
      dialBacks.add(hp);
    }
    f.channel()
        .closeFuture()
        .addListener(
            x -> {
              if (outbound.remove(hp, f.channel())) {
                outboundGroups.remove(hp);
                dialBacks.remove(hp);
              }
            });
    f.addListener(
        x -> {
          if (!x.isSuccess()) {
            log.info(
                "connect failed peer={} cause={}",
                hp,
                x.cause() == null ? "?" : x.cause().getMessage());
            group.offload(() -> group.knownNodes().adjustRating(ratingHost, hp.port(), -0.1));
          }
        });
    return true;
  }
}
