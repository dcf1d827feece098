package dev.bitmsg.pow.client;

import java.time.Duration;

/**
 * The clocks of the client: how often a replica reports progress, how long a silence means it
 * hangs, how long a job may wait for a first word, how often it moves at most, how long the circuit
 * breaker stays open, and the HTTP/2 keepalive. Immutable.
 *
 * @param progressInterval how often the service is asked to report progress
 * @param stallTimeout silence after a first report that counts as a hung replica (SIGSTOP, a dead
 *     host behind a proxy): the call is cancelled and the job moves on
 * @param firstEventTimeout longest wait for the first report of a call (connection, TLS, admission)
 * @param notReadyGrace give up on a call sooner when the channel has had no healthy replica for
 *     this long
 * @param maxAttempts calls one job may make before it is handed back (CPU)
 * @param breakerMin first time the circuit stays open; doubled on every failed probe
 * @param breakerMax longest time the circuit stays open
 * @param keepAlive HTTP/2 ping interval on an open call (gRPC raises values under 10 s to 10 s)
 * @param keepAliveTimeout how long a ping may go unanswered before the connection is dropped
 */
public record FailoverTiming(
    Duration progressInterval,
    Duration stallTimeout,
    Duration firstEventTimeout,
    Duration notReadyGrace,
    int maxAttempts,
    Duration breakerMin,
    Duration breakerMax,
    Duration keepAlive,
    Duration keepAliveTimeout) {
  public FailoverTiming {
    if (stallTimeout.compareTo(progressInterval.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "stall timeout " + stallTimeout + " must be at least two progress intervals");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be >= 1, got " + maxAttempts);
    }
    if (breakerMax.compareTo(breakerMin) < 0) {
      throw new IllegalArgumentException("breaker max must not be below breaker min");
    }
  }

  /**
   * The defaults: progress every 500 ms, a hung replica detected after 5 s of silence (so a job
   * moves within 10 s), 15 s for a first report (a cold connection: TLS, health check, a replica
   * that just started), breaker open 2 s doubling up to 60 s, keepalive pings every 30 s with a 10
   * s timeout.
   */
  public static FailoverTiming defaults() {
    return new FailoverTiming(
        Duration.ofMillis(500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        Duration.ofSeconds(1),
        8,
        Duration.ofSeconds(2),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10));
  }

  public FailoverTiming withBreaker(Duration min, Duration max) {
    return new FailoverTiming(
        progressInterval,
        stallTimeout,
        firstEventTimeout,
        notReadyGrace,
        maxAttempts,
        min,
        max,
        keepAlive,
        keepAliveTimeout);
  }

  public FailoverTiming withStall(Duration progress, Duration stall, Duration firstEvent) {
    return new FailoverTiming(
        progress,
        stall,
        firstEvent,
        notReadyGrace,
        maxAttempts,
        breakerMin,
        breakerMax,
        keepAlive,
        keepAliveTimeout);
  }
}
