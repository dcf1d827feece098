package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.WireLimits;
import io.netty.channel.DefaultMessageSizeEstimator;
import io.netty.channel.MessageSizeEstimator;

/**
 * Counts a {@link Message} written to a channel as its framed size. Netty's default estimator
 * counts objects it does not know as 8 bytes, so messages written from worker threads (not yet
 * encoded) would barely move the channel's pending-bytes count and writability would flip only
 * after the event loop had encoded them: serving a large getdata could queue far more than the high
 * water mark. Stateless, shared.
 */
final class WireSizeEstimator implements MessageSizeEstimator {
  static final WireSizeEstimator INSTANCE = new WireSizeEstimator();

  private static final Handle HANDLE =
      new Handle() {
        private final Handle fallback = DefaultMessageSizeEstimator.DEFAULT.newHandle();

        @Override
        public int size(Object msg) {
          if (msg instanceof Message m) {
            return WireLimits.HEADER_LENGTH + m.serializedSize();
          }
          return fallback.size(msg);
        }
      };

  private WireSizeEstimator() {}

  @Override
  public Handle newHandle() {
    return HANDLE;
  }
}
