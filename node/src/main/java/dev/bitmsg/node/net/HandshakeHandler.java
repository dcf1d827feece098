package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.ErrorMessage;
import dev.bitmsg.node.wire.HostEncoding;
import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.NetworkAddress;
import dev.bitmsg.node.wire.VerAck;
import dev.bitmsg.node.wire.Version;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The version/verack state machine of PROTOCOL.md 3.2. The initiator sends its version on connect;
 * the acceptor answers a valid version with {@code verack} then its own {@code version}. Either
 * side tolerates verack and version in either order. The connection is established once this side
 * has received a version, sent its verack and received a verack; the handler then fires {@link
 * Established} and removes itself. Before that, any command other than version, verack and error
 * closes the connection, as does a version failing {@link VersionCheck} (after a fatal {@code
 * error}) or no establishment within the handshake timeout. An acceptor also asks the {@link
 * InboundGate} (bans, inbound slots) before its verack. One instance per channel; event loop only.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HandshakeHandler.class);

  private final boolean initiator;
  private final NetworkParams params;
  private final Clock clock;
  private final SelfNonces selfNonces;
  private final int advertisedPort;
  private final long handshakeTimeoutMillis;
  private final InboundGate gate;
  private final long nonce;

  private boolean versionSent;
  private boolean versionReceived;
  private boolean verackSent;
  private boolean verackReceived;
  private @Nullable Version peerVersion;
  private @Nullable ScheduledFuture<?> timeout;

  /**
   * @param advertisedPort the port put in addr_from: our listening port, 0 in client-only mode
   */
  HandshakeHandler(
      boolean initiator,
      NetworkParams params,
      Clock clock,
      SelfNonces selfNonces,
      int advertisedPort,
      long handshakeTimeoutMillis,
      InboundGate gate) {
    this.initiator = initiator;
    this.params = params;
    this.clock = clock;
    this.selfNonces = selfNonces;
    this.advertisedPort = advertisedPort;
    this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    this.gate = gate;
    this.nonce = selfNonces.acquire();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    timeout =
        ctx.executor()
            .schedule(
                () -> {
                  log.info(
                      "handshake timed out, closing peer={} limitMs={}",
                      ctx.channel().remoteAddress(),
                      handshakeTimeoutMillis);
                  ctx.close().addListener(ChannelFailures.LOG_CLOSE);
                },
                handshakeTimeoutMillis,
                TimeUnit.MILLISECONDS);
    if (initiator) {
      sendVersion(ctx);
    }
    super.channelActive(ctx);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // The nonce identifies this connection for as long as it lives (self-connection check),
    // which outlasts this handler: release it when the channel closes.
    ctx.channel().closeFuture().addListener(f -> selfNonces.release(nonce));
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (timeout != null) {
      timeout.cancel(false);
    }
  }

  /**
   * addr_recv of a peer dialled through the proxy, as PyBitmessage writes it: a literal as is, an
   * onion name OnionCat-encoded (cut to 16 bytes for v3), any other name as 127.0.0.1.
   */
  private static NetworkAddress addrRecv(HostPort target) {
    Optional<InetAddress> literal = DialTargets.literal(target.host());
    if (literal.isPresent()) {
      return new NetworkAddress(
          Version.NODE_NETWORK, HostEncoding.encode(literal.get()), target.port());
    }
    if (OnionName.isOnion(target.host())) {
      try {
        return new NetworkAddress(
            Version.NODE_NETWORK, OnionName.parse(target.host()).wireHost16(), target.port());
      } catch (IllegalArgumentException e) {
        // not a valid onion name: loopback like any other name
      }
    }
    return new NetworkAddress(
        Version.NODE_NETWORK, HostEncoding.encode(InetAddress.getLoopbackAddress()), target.port());
  }

  long nonce() {
    return nonce;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Message m)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (m instanceof Version v) {
      onVersion(ctx, v);
    } else if (m instanceof VerAck) {
      onVerack(ctx);
    } else if (m instanceof ErrorMessage e) {
      log.info(
          "error message before handshake peer={} fatal={} text={}",
          ctx.channel().remoteAddress(),
          e.fatal(),
          e.textString());
    } else {
      log.info(
          "message before handshake, closing peer={} command={}",
          ctx.channel().remoteAddress(),
          m.command());
      ctx.close().addListener(ChannelFailures.LOG_CLOSE);
    }
  }

  private void onVersion(ChannelHandlerContext ctx, Version v) {
    if (versionReceived) {
      log.info("second version in handshake, closing peer={}", ctx.channel().remoteAddress());
      ctx.close().addListener(ChannelFailures.LOG_CLOSE);
      return;
    }
    versionReceived = true;
    Optional<String> refusal =
        VersionCheck.refusal(v, params, clock.instant().getEpochSecond(), selfNonces);
    if (refusal.isPresent()) {
      log.info("version refused peer={} reason={}", ctx.channel().remoteAddress(), refusal.get());
      ctx.writeAndFlush(ErrorMessage.of(ErrorMessage.FATAL, 0, refusal.get()))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (!initiator) {
      Optional<InboundGate.Refusal> no = gate.admit(ctx.channel(), v);
      if (no.isPresent()) {
        log.info(
            "inbound refused peer={} reason={}", ctx.channel().remoteAddress(), no.get().reason());
        if (no.get().tell()) {
          ctx.writeAndFlush(ErrorMessage.of(ErrorMessage.FATAL, 0, no.get().reason()))
              .addListener(ChannelFutureListener.CLOSE);
        } else {
          ctx.close().addListener(ChannelFailures.LOG_CLOSE);
        }
        return;
      }
    }
    if (!VersionCheck.USER_AGENT.matcher(v.userAgentText()).matches()) {
      log.debug(
          "odd user agent peer={} userAgent={}", ctx.channel().remoteAddress(), v.userAgentText());
    }
    peerVersion = v;
    ctx.write(new VerAck()).addListener(ChannelFailures.LOG_WRITE);
    verackSent = true;
    if (!versionSent) {
      sendVersion(ctx);
    }
    ctx.flush();
    maybeEstablished(ctx);
  }

  private void onVerack(ChannelHandlerContext ctx) {
    if (!versionSent || verackReceived) {
      log.info("unexpected verack, closing peer={}", ctx.channel().remoteAddress());
      ctx.close().addListener(ChannelFailures.LOG_CLOSE);
      return;
    }
    verackReceived = true;
    maybeEstablished(ctx);
  }

  private boolean isEstablished() {
    return versionReceived && verackSent && verackReceived && peerVersion != null;
  }

  private void maybeEstablished(ChannelHandlerContext ctx) {
    if (!isEstablished()) {
      return;
    }
    if (timeout != null) {
      timeout.cancel(false);
    }
    Version v = Objects.requireNonNull(peerVersion); // isEstablished() saw it
    ctx.pipeline().remove(this);
    ctx.fireUserEventTriggered(new Established(v));
  }

  private void sendVersion(ChannelHandlerContext ctx) {
    NetworkAddress recv =
        DialTargets.of(ctx.channel())
            .map(HandshakeHandler::addrRecv)
            .orElseGet(
                () -> {
                  InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
                  return new NetworkAddress(
                      Version.NODE_NETWORK,
                      HostEncoding.encode(remote.getAddress()),
                      remote.getPort());
                });
    NetworkAddress from =
        new NetworkAddress(
            params.services(),
            HostEncoding.encode(InetAddress.getLoopbackAddress()),
            advertisedPort);
    Version ours =
        Version.of(
            params.protocolVersion(),
            params.services(),
            clock.instant().getEpochSecond(),
            recv,
            from,
            nonce,
            params.userAgent(),
            params.streams());
    versionSent = true;
    ctx.writeAndFlush(ours).addListener(ChannelFailures.LOG_WRITE);
  }
}
