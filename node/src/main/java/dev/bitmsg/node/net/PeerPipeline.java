package dev.bitmsg.node.net;

import dev.bitmsg.node.crypto.TlsEngines;
import dev.bitmsg.node.net.tls.LinkTls;
import dev.bitmsg.node.wire.WireLimits;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The handlers of every peer channel, inbound or outbound, in order: {@code IdleStateHandler ->
 * FrameDecoder (fail fast) -> MessageDecoder -> MessageEncoder -> HandshakeHandler -> [TlsSwitch]
 * -> PeerHandler}. The TLS switch is there when the node advertises {@code NODE_SSL} and puts an
 * {@code SslHandler} in front once both sides advertised it (PROTOCOL.md 3.3). The self-connection
 * nonces are shared by all channels of the node. Thread-safe (immutable apart from the thread-safe
 * nonce set).
 */
final class PeerPipeline {
  static final String FRAMES = "frames";
  static final String IDLE = "idle";

  private final PeerGroup group;
  private final InboundGate gate;
  private final NetworkParams params;
  private final PeerSettings settings;
  private final Clock clock;
  private final SelfNonces selfNonces = new SelfNonces();
  private final Optional<LinkTls> tls;

  /**
   * @param tls the TLS engines; required when {@code params} advertise {@code NODE_SSL}
   */
  PeerPipeline(
      PeerGroup group,
      InboundGate gate,
      NetworkParams params,
      PeerSettings settings,
      Optional<TlsEngines> tls,
      Clock clock) {
    this.group = group;
    this.gate = gate;
    this.params = params;
    this.settings = settings;
    this.clock = clock;
    if (params.advertisesTls() && tls.isEmpty()) {
      throw new IllegalArgumentException("the network parameters advertise TLS but no TLS engines");
    }
    this.tls =
        params.advertisesTls()
            ? tls.map(engines -> new LinkTls(engines, settings.handshakeTimeout()))
            : Optional.empty();
  }

  /**
   * Adds the handlers to {@code ch}.
   *
   * @param advertisedPort our listen port for the version message (0 in client-only mode)
   */
  void init(Channel ch, boolean initiator, int advertisedPort) {
    ChannelPipeline p = ch.pipeline();
    p.addLast(
        IDLE,
        new IdleStateHandler(
            settings.deadAfter().toMillis(),
            0,
            settings.pingAfter().toMillis(),
            TimeUnit.MILLISECONDS));
    p.addLast(FRAMES, new FrameDecoder(WireLimits.MAX_RECEIVE_PAYLOAD));
    p.addLast("messages", MessageDecoder.INSTANCE);
    p.addLast("encoder", MessageEncoder.INSTANCE);
    p.addLast(
        "handshake",
        new HandshakeHandler(
            initiator,
            params,
            clock,
            selfNonces,
            portToAdvertise(ch, initiator, advertisedPort),
            settings.handshakeTimeout().toMillis(),
            gate));
    tls.ifPresent(t -> p.addLast("tls-switch", new TlsSwitch(t, initiator)));
    p.addLast("peer", new PeerHandler(group, !initiator));
  }

  /**
   * The port of our version's addr_from: with an onion service, a connection that came in from
   * loopback (from Tor) gets the onion port, so the peer learns where the onion service listens, as
   * PyBitmessage does; every other connection gets the listen port.
   */
  private int portToAdvertise(Channel ch, boolean initiator, int listenPort) {
    PrivacySettings privacy = group.privacy();
    if (!initiator
        && privacy.onionHost().isPresent()
        && ch.remoteAddress() instanceof InetSocketAddress remote
        && remote.getAddress() != null
        && remote.getAddress().isLoopbackAddress()) {
      return privacy.onionPort();
    }
    return listenPort;
  }
}
