package dev.bitmsg.pow.client;

/**
 * A nonce the service found and the client re-verified. Immutable.
 *
 * @param nonce the nonce (unsigned)
 * @param engine the service's engine that found it, e.g. {@code cpu-simd}
 * @param replica the replica that answered, as configured: {@code HOST:PORT} (a proxy in front of
 *     replicas is one)
 * @param trials trials the service spent on the job, over every replica it went to
 * @param attempts calls the job took (more than 1 when it moved to another replica)
 * @param resumedNanos when it moved: the {@link System#nanoTime} at which the replica that answered
 *     first reported on it; 0 when it did not move
 */
public record RemoteAnswer(
    long nonce, String engine, String replica, long trials, int attempts, long resumedNanos) {
  /** {@code remote REPLICA (ENGINE)}: the node's record of who did the work. */
  public String by() {
    return "remote " + replica + " (" + engine + ")";
  }
}
