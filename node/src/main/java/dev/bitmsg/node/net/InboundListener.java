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
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket and the inbound slots (the counterpart of {@link Dialler}): every accepted
 * connection takes a handshake slot in {@link InboundSlots} (the oldest handshaking connection of
 * the busiest host makes room when all are taken), gets the peer pipeline, and asks for an
 * established slot once its version is accepted ({@link #establish}). Thread-safe (the slots are
 * synchronized; the server channel is set once by {@link #bind}).
 */
final class InboundListener {
  private static final Logger log = LoggerFactory.getLogger(InboundListener.class);

  private final NetGroups groups;
  private final InboundSlots<Channel> slots;
  private final EventLoopGroup loops;
  private final Consumer<Channel> initPipeline;
  private final Clock clock;
  private volatile @Nullable Channel serverChannel;

  InboundListener(
      PeerSettings settings,
      NetGroups groups,
      EventLoopGroup loops,
      Consumer<Channel> initPipeline,
      Clock clock) {
    this.groups = groups;
    this.slots =
        new InboundSlots<>(settings.maxInbound(), settings.policy(), new SecureRandom().nextLong());
    this.loops = loops;
    this.initPipeline = initPipeline;
    this.clock = clock;
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
    Optional<Channel> evicted =
        slots.open(ch, groups.host(ip), groups.group(ip), groups.isLocal(ip), clock.millis());
    ch.closeFuture().addListener(f -> slots.remove(ch));
    evicted.ifPresent(
        old -> {
          log.info(
              "handshake slots full, closing oldest peer={} for peer={} handshaking={}",
              old.remoteAddress(),
              ch.remoteAddress(),
              slots.handshaking());
          old.close().addListener(ChannelFailures.LOG_CLOSE);
        });
    initPipeline.accept(ch);
  }

  /**
   * The version of inbound connection {@code ch} was accepted as {@code id}: admits it to an
   * established slot (closing whatever it displaces) or says why not.
   */
  InboundSlots.Decision<Channel> establish(Channel ch, PeerId id) {
    InboundSlots.Decision<Channel> d = slots.establish(ch, id, clock.millis());
    if (d instanceof InboundSlots.Admit<Channel> admit && admit.evicted().isPresent()) {
      Channel old = admit.evicted().get();
      log.info(
          "inbound slot freed peer={} for peer={} established={}",
          old.remoteAddress(),
          ch.remoteAddress(),
          slots.established());
      old.close().addListener(ChannelFailures.LOG_CLOSE);
    }
    return d;
  }

  /** The inbound peer on {@code ch} delivered an object we did not have. */
  void delivered(Channel ch) {
    slots.delivered(ch, clock.millis());
  }

  int established() {
    return slots.established();
  }

  int handshaking() {
    return slots.handshaking();
  }

  /** Stops accepting (established connections stay). */
  void close() {
    Channel server = serverChannel;
    if (server != null) {
      server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
  }
}
