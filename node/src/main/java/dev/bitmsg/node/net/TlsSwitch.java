package dev.bitmsg.node.net;

import dev.bitmsg.node.net.tls.LinkTls;
import dev.bitmsg.node.wire.Version;
import dev.bitmsg.node.wire.WireLimits;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The hook between the version handshake and the peer on a node that advertises {@code NODE_SSL}:
 * when {@link Established} shows that the peer advertised it too, the connection is switched to TLS
 * ({@link LinkTls}) and the event reaches the peer only once TLS is up; otherwise it passes through
 * unchanged and the connection stays plaintext (PROTOCOL.md 3.3). Removes itself either way. One
 * instance per channel; event loop only.
 */
final class TlsSwitch extends ChannelInboundHandlerAdapter {
  private final LinkTls tls;
  private final boolean initiator;

  TlsSwitch(LinkTls tls, boolean initiator) {
    this.tls = tls;
    this.initiator = initiator;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (!(evt instanceof Established e)) {
      super.userEventTriggered(ctx, evt);
      return;
    }
    ctx.pipeline().remove(this);
    if ((e.peerVersion().services() & Version.NODE_SSL) == 0) {
      ctx.fireUserEventTriggered(evt);
      return;
    }
    tls.upgrade(
        ctx.channel(),
        initiator,
        PeerPipeline.FRAMES,
        new FrameDecoder(WireLimits.MAX_RECEIVE_PAYLOAD),
        evt,
        PeerPipeline.IDLE);
  }
}
