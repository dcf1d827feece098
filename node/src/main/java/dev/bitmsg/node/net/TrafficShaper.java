package dev.bitmsg.node.net;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.handler.traffic.GlobalTrafficShapingHandler;
import io.netty.handler.traffic.TrafficCounter;
import org.jspecify.annotations.Nullable;

/**
 * The node's upload and download limits over all peer connections together ({@code
 * --max-upload-kbps}, {@code --max-download-kbps}), with Netty's global traffic shaping: one shared
 * handler first in every peer pipeline, which delays writes and pauses reading so that the totals
 * keep to the limits (0: unlimited). It counts every byte either way, limited or not, for the
 * metrics. Thread-safe (the Netty handler is shareable).
 */
final class TrafficShaper implements AutoCloseable {
  static final String NAME = "traffic";

  /** How often the shaper recomputes the rates; a shorter interval evens out bursts. */
  private static final long CHECK_INTERVAL_MILLIS = 250;

  /** Bytes per socket read while a download limit is set. */
  private static final int LIMITED_READ_BYTES = 16 * 1024;

  private final GlobalTrafficShapingHandler handler;
  private final @Nullable ReadLimiter readLimiter;

  TrafficShaper(EventLoopGroup loops, TrafficLimits limits) {
    this.handler =
        new GlobalTrafficShapingHandler(
            loops, limits.uploadBytesPerSecond(), 0, CHECK_INTERVAL_MILLIS);
    this.readLimiter =
        limits.downloadBytesPerSecond() > 0
            ? new ReadLimiter(limits.downloadBytesPerSecond(), System.currentTimeMillis())
            : null;
  }

  /** Puts the shared handlers first in a peer pipeline. */
  void install(ChannelPipeline p) {
    if (readLimiter != null) {
      // One small read per read request, so the limiter sees every read request: Netty would
      // otherwise read up to 16 buffers from the socket per event, a megabyte on loopback.
      p.channel()
          .config()
          .setRecvByteBufAllocator(
              new FixedRecvByteBufAllocator(LIMITED_READ_BYTES).maxMessagesPerRead(1));
      p.addFirst(ReadLimiter.NAME, readLimiter);
    }
    p.addFirst(NAME, handler);
  }

  TrafficCounts counts() {
    TrafficCounter c = handler.trafficCounter();
    return new TrafficCounts(c.cumulativeReadBytes(), c.cumulativeWrittenBytes());
  }

  @Override
  public void close() {
    handler.release();
  }
}
