package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.Ping;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of the pipeline: turns {@link Established} into a registered {@link Peer}, hands
 * messages to it (the peer processes them on the worker pool, never on the event loop), sends
 * keep-alive pings on idleness, closes silent connections and reports exceptions to the group. One
 * instance per channel; event loop only.
 */
final class PeerHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(PeerHandler.class);

  private final PeerGroup group;
  private final boolean inbound;
  private @Nullable Peer peer;

  PeerHandler(PeerGroup group, boolean inbound) {
    this.group = group;
    this.inbound = inbound;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof Established e) {
      peer = group.register(ctx.channel(), inbound, e.peerVersion());
    } else if (evt instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.READER_IDLE) {
        log.info("peer silent too long, closing peer={}", ctx.channel().remoteAddress());
        ctx.close().addListener(ChannelFailures.LOG_CLOSE);
      } else if (idle.state() == IdleState.ALL_IDLE && peer != null) {
        ctx.writeAndFlush(new Ping()).addListener(ChannelFailures.LOG_WRITE);
      }
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (peer != null && msg instanceof Message m) {
      peer.enqueue(m);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (peer != null && ctx.channel().isWritable()) {
      peer.writable();
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (peer != null) {
      group.unregister(peer);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    group.onException(ctx.channel(), cause);
  }
}
