package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.ProtocolException;
import dev.bitmsg.node.wire.Version;
import io.netty.channel.Channel;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer policy's decisions about whole connections: which inbound peers may stay ({@link
 * InboundGate}: bans, then the established slots of {@link InboundListener}; a peer refused for any
 * reason but abuse has its advertised listening address learnt and dialled back, as PyBitmessage
 * does), and what a violation costs ({@link Misbehaviour}: points, disconnection, a ban of that
 * peer only). Errors before the handshake only close the connection: nothing identifies the peer
 * yet (a port probe's stray byte is such an error). Thread-safe (stateless over thread-safe parts).
 */
final class PeerGuard implements InboundGate {
  private static final Logger log = LoggerFactory.getLogger(PeerGuard.class);

  private final NetGroups groups;
  private final Misbehaviour misbehaviour;
  private final InboundListener listener;
  private final Dialler dialler;
  private final AddrGossip addrGossip;

  PeerGuard(
      NetGroups groups,
      Misbehaviour misbehaviour,
      InboundListener listener,
      Dialler dialler,
      AddrGossip addrGossip) {
    this.groups = groups;
    this.misbehaviour = misbehaviour;
    this.listener = listener;
    this.dialler = dialler;
    this.addrGossip = addrGossip;
  }

  @Override
  public Optional<Refusal> admit(Channel ch, Version version) {
    InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
    PeerId id = PeerId.of(groups, remote.getAddress(), version.addrFrom().port());
    if (misbehaviour.isBanned(id)) {
      return Optional.of(new Refusal("banned peer " + id, false));
    }
    if (listener.establish(ch, id) instanceof InboundSlots.Refuse<Channel> refused) {
      addrGossip
          .learnRefused(remote.getAddress(), version)
          .ifPresent(
              listening -> {
                log.info(
                    "refused peer will be dialled back peer={} listening={} reason={}",
                    remote,
                    listening,
                    refused.reason());
                dialler.dialBack(listening);
              });
      return Optional.of(new Refusal(refused.reason(), true));
    }
    return Optional.empty();
  }

  /** Scores a violation of an established peer; closes the connection when the rule says so. */
  void misbehaved(Peer peer, Violation violation, String detail) {
    Misbehaviour.Outcome o = misbehaviour.penalise(peer.id(), violation, detail + " from " + peer);
    if (o == Misbehaviour.Outcome.BANNED || violation.disconnects()) {
      peer.markClosed();
      peer.channel().close().addListener(ChannelFailures.LOG_CLOSE);
    }
  }

  /** An exception in {@code ch}'s pipeline; {@code peer} is null before the handshake. */
  void onException(Channel ch, @Nullable Peer peer, Throwable cause) {
    Throwable c =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (peer != null) {
      peer.markClosed();
    }
    if (c instanceof ProtocolException) {
      if (peer != null) {
        misbehaved(peer, Violation.MALFORMED_MESSAGE, String.valueOf(c.getMessage()));
      } else {
        log.info(
            "malformed input before handshake, closing peer={} cause={}",
            ch.remoteAddress(),
            c.getMessage());
      }
    } else if (c instanceof IOException) {
      log.info("peer connection failed peer={} cause={}", ch.remoteAddress(), c.getMessage());
    } else {
      log.warn("peer error, closing peer={}", ch.remoteAddress(), c);
    }
    ch.close().addListener(ChannelFailures.LOG_CLOSE);
  }

  boolean isBanned(PeerId id) {
    return misbehaviour.isBanned(id);
  }
}
