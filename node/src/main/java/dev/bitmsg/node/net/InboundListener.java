package dev.bitmsg.node.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket and the inbound connection slots (the counterpart of {@link Dialler}):
 * refuses banned addresses, a second connection from one address (unless local test networks allow
 * it) and connections beyond the inbound cap; admitted channels get the peer pipeline. Thread-safe
 * (concurrent map and counter; the server channel is set once by {@link #bind}).
 */
final class InboundListener {
  private static final Logger log = LoggerFactory.getLogger(InboundListener.class);

  private final PeerSettings settings;
  private final BanList banList;
  private final EventLoopGroup loops;
  private final Consumer<Channel> initPipeline;
  private final AtomicInteger inboundCount = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Channel> inboundIps = new ConcurrentHashMap<>();
  private volatile @Nullable Channel serverChannel;

  InboundListener(
      PeerSettings settings,
      BanList banList,
      EventLoopGroup loops,
      Consumer<Channel> initPipeline) {
    this.settings = settings;
    this.banList = banList;
    this.loops = loops;
    this.initPipeline = initPipeline;
  }

  /** Binds {@code address} and starts accepting; returns the bound address. */
  InetSocketAddress bind(InetSocketAddress address) throws InterruptedException {
    ServerBootstrap sb =
        new ServerBootstrap()
            .group(loops)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 128)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(PeerGroup.WRITE_LOW_WATER, PeerGroup.WRITE_HIGH_WATER))
            .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, WireSizeEstimator.INSTANCE)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    admit(ch);
                  }
                });
    serverChannel = sb.bind(address).sync().channel();
    return (InetSocketAddress) serverChannel.localAddress();
  }

  private void admit(SocketChannel ch) {
    InetAddress ip = ch.remoteAddress().getAddress();
    if (banList.isBanned(ip)) {
      log.info("inbound refused peer={} reason=banned", ch.remoteAddress());
      ch.close().addListener(ChannelFailures.LOG_CLOSE);
      return;
    }
    if (settings.oneInboundPerIp() && inboundIps.putIfAbsent(ip, ch) != null) {
      log.info(
          "inbound refused peer={} reason=already connected from this address", ch.remoteAddress());
      ch.close().addListener(ChannelFailures.LOG_CLOSE);
      return;
    }
    if (settings.oneInboundPerIp()) {
      ch.closeFuture().addListener(f -> inboundIps.remove(ip, ch));
    }
    if (inboundCount.incrementAndGet() > settings.maxInbound()) {
      inboundCount.decrementAndGet();
      log.info(
          "inbound refused peer={} reason=inbound limit inbound={}",
          ch.remoteAddress(),
          settings.maxInbound());
      ch.close().addListener(ChannelFailures.LOG_CLOSE);
      return;
    }
    ch.closeFuture().addListener(f -> inboundCount.decrementAndGet());
    initPipeline.accept(ch);
  }

  /** Stops accepting (established connections stay). */
  void close() {
    Channel server = serverChannel;
    if (server != null) {
      server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
  }
}
