package dev.bitmsg.node.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.traffic.GlobalTrafficShapingHandler;
import io.netty.handler.traffic.TrafficCounter;

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

  private final GlobalTrafficShapingHandler handler;

  TrafficShaper(EventLoopGroup loops, TrafficLimits limits) {
    this.handler =
        new GlobalTrafficShapingHandler(
            loops,
            limits.uploadBytesPerSecond(),
            limits.downloadBytesPerSecond(),
            CHECK_INTERVAL_MILLIS);
  }

  /** The shared handler to put first in a peer pipeline. */
  ChannelHandler handler() {
    return handler;
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
