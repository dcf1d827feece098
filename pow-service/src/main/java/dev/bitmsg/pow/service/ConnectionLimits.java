package dev.bitmsg.pow.service;

import java.time.Duration;

/**
 * HTTP/2 connection policy of the gRPC server (the Netty transport; the in-process transport of
 * tests ignores it), each item with its flag and config key. Immutable.
 *
 * @param maxCallsPerConnection concurrent calls one connection may hold ({@code
 *     max-calls-per-connection}, advertised as SETTINGS_MAX_CONCURRENT_STREAMS: a client queues
 *     further calls until one ends, or opens another connection)
 * @param permitKeepAlive the most frequent client pings tolerated ({@code
 *     permit-keepalive-seconds}); a client that pings more often is sent GOAWAY ENHANCE_YOUR_CALM
 *     ("too_many_pings") and disconnected
 * @param permitKeepAliveWithoutCalls whether clients may ping connections with no call in flight
 *     ({@code permit-keepalive-without-calls}); when false such pings count as abuse
 * @param maxConnectionAge connections are asked to go away (GOAWAY) after this long, with ±10%
 *     jitter, so clients reconnect and balancers spread them over replicas again ({@code
 *     max-connection-age-seconds}; zero: never)
 * @param maxConnectionAgeGrace calls still running on an aged-out connection may finish within this
 *     long; then they are cancelled ({@code max-connection-age-grace-seconds})
 * @param keepAlive the server pings a client whose connection was silent this long and drops it
 *     when no answer comes within 20 s, so a vanished client's jobs stop ({@code
 *     keepalive-seconds})
 */
public record ConnectionLimits(
    int maxCallsPerConnection,
    Duration permitKeepAlive,
    boolean permitKeepAliveWithoutCalls,
    Duration maxConnectionAge,
    Duration maxConnectionAgeGrace,
    Duration keepAlive) {
  /** How long the server waits for the answer to its own keepalive ping. */
  public static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(20);

  public ConnectionLimits {
    if (maxCallsPerConnection < 1) {
      throw new IllegalArgumentException(
          "max-calls-per-connection: must be at least 1, got " + maxCallsPerConnection);
    }
    positive("permit-keepalive-seconds", permitKeepAlive);
    if (maxConnectionAge.isNegative()) {
      throw new IllegalArgumentException(
          "max-connection-age-seconds: must be >= 0 (0: never), got " + maxConnectionAge);
    }
    positive("max-connection-age-grace-seconds", maxConnectionAgeGrace);
    positive("keepalive-seconds", keepAlive);
  }

  /**
   * 100 calls per connection (the HTTP/2 recommendation's floor), pings every 5 s at most, also on
   * idle connections (health-checked and balanced clients keep those), connections recycled after
   * 10 minutes with 10 minutes' grace for the calls on them, a server ping after 60 s of silence.
   */
  public static ConnectionLimits defaults() {
    return new ConnectionLimits(
        100,
        Duration.ofSeconds(5),
        true,
        Duration.ofMinutes(10),
        Duration.ofMinutes(10),
        Duration.ofSeconds(60));
  }

  private static void positive(String key, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(key + ": must be positive, got " + d.toSeconds());
    }
  }
}
