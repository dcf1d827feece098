package dev.bitmsg.node.net;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.nio.channels.ClosedChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners for channel writes and closes that nobody waits on, so that a failure is logged instead
 * of lost. A write to a channel that is already closed is routine (the peer went away and the
 * channel's own close handling follows), so it is logged at debug level only.
 */
public final class ChannelFailures {
  private static final Logger log = LoggerFactory.getLogger(ChannelFailures.class);

  /** Logs a failed write. */
  public static final ChannelFutureListener LOG_WRITE = f -> logFailure(f, "write");

  /** Logs a failed close. */
  public static final ChannelFutureListener LOG_CLOSE = f -> logFailure(f, "close");

  private ChannelFailures() {}

  private static void logFailure(ChannelFuture f, String operation) {
    Throwable cause = f.cause();
    if (cause == null) {
      return;
    }
    if (cause instanceof ClosedChannelException) {
      log.debug(
          "channel closed already peer={} operation={}", f.channel().remoteAddress(), operation);
    } else {
      log.info(
          "channel operation failed peer={} operation={} cause={}",
          f.channel().remoteAddress(),
          operation,
          cause.toString());
    }
  }
}
