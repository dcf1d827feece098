package dev.bitmsg.node.net.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right behind the {@link SslHandler} of an upgrading connection: on handshake success it
 * fires the held "established" event down the pipeline and removes itself; on failure (bad or
 * missing TLS from the peer, timeout) it logs one line saying so and closes this connection only.
 * One instance per channel; event loop only.
 */
final class TlsHandshakeWatcher extends ChannelInboundHandlerAdapter {
  static final String NAME = "tls-watch";
  private static final Logger log = LoggerFactory.getLogger(TlsHandshakeWatcher.class);

  private final boolean client;
  private final Object established;
  private boolean failed;

  TlsHandshakeWatcher(boolean client, Object established) {
    this.client = client;
    this.established = established;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (!(evt instanceof SslHandshakeCompletionEvent done)) {
      super.userEventTriggered(ctx, evt);
      return;
    }
    if (done.isSuccess()) {
      SslHandler ssl = ctx.pipeline().get(SslHandler.class);
      log.info(
          "tls up peer={} role={} protocol={} cipher={}",
          ctx.channel().remoteAddress(),
          client ? "client" : "server",
          ssl.engine().getSession().getProtocol(),
          ssl.engine().getSession().getCipherSuite());
      ctx.pipeline().remove(this);
      ctx.fireUserEventTriggered(established);
    } else {
      fail(ctx, done.cause());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Until TLS is up every error belongs to the TLS handshake: report it here, once.
    fail(ctx, cause);
  }

  private void fail(ChannelHandlerContext ctx, Throwable cause) {
    if (!failed) {
      failed = true;
      Throwable root = cause;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      log.info(
          "tls handshake failed, closing peer={} role={} cause={}",
          ctx.channel().remoteAddress(),
          client ? "client" : "server",
          root.toString());
    }
    // This package sits below net, so it logs a failed close itself (net's ChannelFailures).
    ctx.close()
        .addListener(
            f -> {
              if (f.cause() != null) {
                log.debug(
                    "tls close failed peer={} cause={}", ctx.channel().remoteAddress(), f.cause());
              }
            });
  }
}
