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
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the outbound connections topped up, called periodically by the peer group's timer: the
 * {@code --connect} peers only when given, else the best known nodes, else (when allowed) the
 * bootstrap list. Never dials itself, a banned address, an endpoint already dialled, or a peer
 * already connected inbound. Failed dials lower a known node's rating. Thread-safe (concurrent map;
 * {@link #tick()} runs on the single timer thread).
 */
final class Dialler {
  private static final Logger log = LoggerFactory.getLogger(Dialler.class);

  private final PeerGroup group;
  private final PeerGroup.Mode mode;
  private final EventLoopGroup loops;
  private final Consumer<Channel> initPipeline;
  private final ConcurrentHashMap<HostPort, Channel> outbound = new ConcurrentHashMap<>();
  private final Random random = new Random();

  Dialler(
      PeerGroup group, PeerGroup.Mode mode, EventLoopGroup loops, Consumer<Channel> initPipeline) {
    this.group = group;
    this.mode = mode;
    this.loops = loops;
    this.initPipeline = initPipeline;
  }

  /** Tops up outbound connections; logs and swallows failures so the schedule keeps running. */
  void tick() {
    try {
      if (!mode.connectOnly().isEmpty()) {
        for (HostPort hp : mode.connectOnly()) {
          dial(hp);
        }
        return;
      }
      int need = group.settings().maxOutbound() - outbound.size();
      if (need <= 0) {
        return;
      }
      List<HostPort> candidates = new ArrayList<>();
      for (long stream : group.params().streams()) {
        for (KnownNode n : group.knownNodes().candidates(stream, need * 4 + 8)) {
          candidates.add(new HostPort(n.host(), n.port()));
        }
      }
      if (candidates.size() < need && mode.bootstrap()) {
        List<HostPort> boot = new ArrayList<>(group.params().bootstrapNodes());
        Collections.shuffle(boot, random);
        candidates.addAll(boot);
      }
      for (HostPort hp : candidates) {
        if (need <= 0) {
          break;
        }
        if (dial(hp)) {
          need--;
        }
      }
    } catch (RuntimeException e) {
      log.warn("dialling failed", e);
    }
  }

  private boolean isSelf(HostPort hp) {
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
  private boolean dial(HostPort hp) {
    if (outbound.containsKey(hp) || isSelf(hp)) {
      return false;
    }
    InetAddress ip;
    try {
      ip = InetAddress.getByName(hp.host());
    } catch (IOException e) {
      log.info("peer address unresolved peer={} cause={}", hp, e.getMessage());
      return false;
    }
    if (group.banList().isBanned(ip) || group.connectedInbound(ip, hp.port())) {
      return false;
    }
    Bootstrap b =
        new Bootstrap()
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
    ChannelFuture f = b.connect(new InetSocketAddress(ip, hp.port()));
    if (outbound.putIfAbsent(hp, f.channel()) != null) {
      f.channel().close().addListener(ChannelFailures.LOG_CLOSE);
      return false;
    }
    f.channel().closeFuture().addListener(x -> outbound.remove(hp, f.channel()));
    f.addListener(
        x -> {
          if (!x.isSuccess()) {
            log.info(
                "connect failed peer={} cause={}",
                hp,
                x.cause() == null ? "?" : x.cause().getMessage());
            group.offload(
                () -> group.knownNodes().adjustRating(ip.getHostAddress(), hp.port(), -0.1));
          }
        });
    return true;
  }
}
