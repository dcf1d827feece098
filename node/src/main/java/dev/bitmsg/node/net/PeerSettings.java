package dev.bitmsg.node.net;

import java.time.Duration;

/**
 * Limits and timers of the peer group. Validated on construction with messages naming the field;
 * nothing is clamped silently. Immutable.
 *
 * @param maxOutbound outbound connections kept (PyBitmessage: 8)
 * @param maxInbound inbound connections accepted
 * @param handshakeTimeout a connection not established within this is closed (PyB: 20 s)
 * @param pingAfter a ping is sent after this long without traffic either way (PyB: 300 s)
 * @param deadAfter a connection that received nothing for this long is closed
 * @param requestTimeout a getdata not answered within this is forgotten and may go to another peer
 * @param maxInFlightPerPeer objects requested from one peer and not delivered yet
 * @param maxPendingPerPeer vectors announced by one peer and not delivered yet (queued or in
 *     flight); while a peer owes this many, its further announcements wait unread in the socket
 * @param maxServeQueue getdata vectors queued for one peer; more are ignored
 * @param banDuration how long a banned peer is refused
 * @param dialInterval how often the dialler tops up outbound connections
 * @param tickInterval how often request timeouts are checked and queued requests resumed
 * @param acceptLoopbackAddrs keep loopback and private addresses from addr gossip (tests only;
 *     PyBitmessage drops them)
 * @param workerThreads threads of the bounded worker pool (validation and storage)
 * @param policy per-address limits, handshake slots, misbehaviour, announcement and addr budgets
 */
public record PeerSettings(
    int maxOutbound,
    int maxInbound,
    Duration handshakeTimeout,
    Duration pingAfter,
    Duration deadAfter,
    Duration requestTimeout,
    int maxInFlightPerPeer,
    int maxPendingPerPeer,
    int maxServeQueue,
    Duration banDuration,
    Duration dialInterval,
    Duration tickInterval,
    boolean acceptLoopbackAddrs,
    int workerThreads,
    PeerPolicy policy) {

  public PeerSettings {
    positive("maxOutbound", maxOutbound, 0);
    positive("maxInbound", maxInbound, 0);
    positive("maxInFlightPerPeer", maxInFlightPerPeer, 1);
    positive("maxPendingPerPeer", maxPendingPerPeer, 1);
    positive("maxServeQueue", maxServeQueue, 1);
    positive("workerThreads", workerThreads, 1);
    positive("handshakeTimeout", handshakeTimeout);
    positive("pingAfter", pingAfter);
    positive("deadAfter", deadAfter);
    positive("requestTimeout", requestTimeout);
    positive("banDuration", banDuration);
    positive("dialInterval", dialInterval);
    positive("tickInterval", tickInterval);
    if (deadAfter.compareTo(pingAfter) <= 0) {
      throw new IllegalArgumentException(
          "deadAfter (" + deadAfter + ") must exceed pingAfter (" + pingAfter + ")");
    }
  }

  /** The defaults of a real node (PyBitmessage's timers and limits where it has them). */
  public static PeerSettings defaults() {
    return new PeerSettings(
        8,
        64,
        Duration.ofSeconds(20),
        Duration.ofSeconds(300),
        Duration.ofSeconds(900),
        Duration.ofSeconds(120),
        1_000,
        10_000,
        100_000,
        Duration.ofHours(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(1),
        false,
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        PeerPolicy.defaults());
  }

  public PeerSettings withTimers(
      Duration handshake, Duration ping, Duration dead, Duration request) {
    return new PeerSettings(
        maxOutbound,
        maxInbound,
        handshake,
        ping,
        dead,
        request,
        maxInFlightPerPeer,
        maxPendingPerPeer,
        maxServeQueue,
        banDuration,
        dialInterval,
        tickInterval,
        acceptLoopbackAddrs,
        workerThreads,
        policy);
  }

  public PeerSettings withLimits(int outbound, int inbound, int inFlight, int pending) {
    return new PeerSettings(
        outbound,
        inbound,
        handshakeTimeout,
        pingAfter,
        deadAfter,
        requestTimeout,
        inFlight,
        pending,
        maxServeQueue,
        banDuration,
        dialInterval,
        tickInterval,
        acceptLoopbackAddrs,
        workerThreads,
        policy);
  }

  public PeerSettings withIntervals(Duration dial, Duration tick) {
    return new PeerSettings(
        maxOutbound,
        maxInbound,
        handshakeTimeout,
        pingAfter,
        deadAfter,
        requestTimeout,
        maxInFlightPerPeer,
        maxPendingPerPeer,
        maxServeQueue,
        banDuration,
        dial,
        tick,
        acceptLoopbackAddrs,
        workerThreads,
        policy);
  }

  public PeerSettings withLoopbackAddrs(boolean accept) {
    return new PeerSettings(
        maxOutbound,
        maxInbound,
        handshakeTimeout,
        pingAfter,
        deadAfter,
        requestTimeout,
        maxInFlightPerPeer,
        maxPendingPerPeer,
        maxServeQueue,
        banDuration,
        dialInterval,
        tickInterval,
        accept,
        workerThreads,
        policy);
  }

  public PeerSettings withWorkerThreads(int threads) {
    return new PeerSettings(
        maxOutbound,
        maxInbound,
        handshakeTimeout,
        pingAfter,
        deadAfter,
        requestTimeout,
        maxInFlightPerPeer,
        maxPendingPerPeer,
        maxServeQueue,
        banDuration,
        dialInterval,
        tickInterval,
        acceptLoopbackAddrs,
        threads,
        policy);
  }

  public PeerSettings withPolicy(PeerPolicy p) {
    return new PeerSettings(
        maxOutbound,
        maxInbound,
        handshakeTimeout,
        pingAfter,
        deadAfter,
        requestTimeout,
        maxInFlightPerPeer,
        maxPendingPerPeer,
        maxServeQueue,
        banDuration,
        dialInterval,
        tickInterval,
        acceptLoopbackAddrs,
        workerThreads,
        p);
  }

  private static void positive(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
