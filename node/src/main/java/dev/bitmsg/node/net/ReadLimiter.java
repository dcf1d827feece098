package dev.bitmsg.node.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import java.util.concurrent.TimeUnit;

/**
 * The download limit over all peer connections: every byte read spends a shared {@link TokenBucket}
 * (refilled at the limit, a tenth of a second deep); a channel whose read drove it below zero stops
 * asking the socket for more until the debt is paid, then reads again if it is reading at all. It
 * gates {@code read()} rather than switching auto-read, because auto-read is already the peers' own
 * backpressure ({@link Peer}): Netty's read shaping suspends a channel only while auto-read is on,
 * so it lets through whatever arrives while a peer holds reading off. Shareable; the bucket is
 * locked, the pause flag is per channel and set on its event loop.
 */
@ChannelHandler.Sharable
final class ReadLimiter extends ChannelDuplexHandler {
  static final String NAME = "read-limit";
  private static final AttributeKey<Boolean> PAUSED = AttributeKey.valueOf("bitmsg.readPaused");

  private final double bytesPerMilli;
  private final TokenBucket bucket;

  ReadLimiter(long bytesPerSecond, long nowMillis) {
    this.bytesPerMilli = bytesPerSecond / 1000.0;
    this.bucket = new TokenBucket(bytesPerSecond, bytesPerSecond / 10.0, nowMillis);
    bucket.take(bytesPerSecond / 10.0, nowMillis); // start empty: no burst above the limit
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buf && buf.readableBytes() > 0) {
      double level;
      synchronized (bucket) {
        level = bucket.take(buf.readableBytes(), System.currentTimeMillis());
      }
      if (level < 0 && !isPaused(ctx.channel())) {
        ctx.channel().attr(PAUSED).set(true);
        ctx.channel().config().setAutoRead(false);
        resumeWhenPaid(ctx, level);
      }
    }
    ctx.fireChannelRead(msg);
  }

  /**
   * Resumes reading once the debt is paid; reads already under way when the pause began may have
   * added to it, so the level is checked again before resuming.
   */
  private void resumeWhenPaid(ChannelHandlerContext ctx, double level) {
    long waitMillis = (long) Math.ceil(-level / bytesPerMilli);
    var unused =
        ctx.executor()
            .schedule(
                () -> {
                  double now;
                  synchronized (bucket) {
                    now = bucket.level(System.currentTimeMillis());
                  }
                  if (now < 0) {
                    resumeWhenPaid(ctx, now);
                    return;
                  }
                  // The peer's next backpressure check switches it off again if it must hold.
                  ctx.channel().attr(PAUSED).set(false);
                  ctx.channel().config().setAutoRead(true);
                },
                waitMillis,
                TimeUnit.MILLISECONDS);
  }

  /** Whether the limiter holds {@code ch}'s reading now. */
  static boolean isPaused(Channel ch) {
    return Boolean.TRUE.equals(ch.attr(PAUSED).get());
  }

  @Override
  public void read(ChannelHandlerContext ctx) {
    if (!Boolean.TRUE.equals(ctx.channel().attr(PAUSED).get())) {
      ctx.read();
    } // paused: the scheduled resume reads
  }
}
