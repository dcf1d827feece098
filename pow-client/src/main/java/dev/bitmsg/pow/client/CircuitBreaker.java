package dev.bitmsg.pow.client;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a service that is down cost nothing per job: after a job found no usable replica the
 * circuit opens, and every job is refused at once (the caller uses its CPU) until the open time has
 * passed; then one job may try (half-open). Its success closes the circuit, its failure opens it
 * again for twice as long, up to a maximum. Thread-safe.
 */
public final class CircuitBreaker {
  private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

  private final String name;
  private final Duration min;
  private final Duration max;
  private final LongSupplier nanoTime;

  @GuardedBy("this")
  private boolean open;

  @GuardedBy("this")
  private boolean probing;

  @GuardedBy("this")
  private long openUntilNanos;

  @GuardedBy("this")
  private Duration backoff;

  @GuardedBy("this")
  private String cause = "";

  @GuardedBy("this")
  private long refused;

  /** A closed breaker for the service {@code name}, open {@code min} doubling up to {@code max}. */
  public CircuitBreaker(String name, Duration min, Duration max, LongSupplier nanoTime) {
    this.name = name;
    this.min = min;
    this.max = max;
    this.nanoTime = nanoTime;
    this.backoff = min;
  }

  /**
   * Empty when a job may call the service now (the circuit is closed, or this job is the one probe
   * of a half-open circuit); otherwise why not, for the caller's status line.
   */
  public synchronized Optional<String> refusal() {
    if (!open) {
      return Optional.empty();
    }
    long now = nanoTime.getAsLong();
    if (!probing && now - openUntilNanos >= 0) {
      probing = true;
      log.info("pow service circuit half-open, probing service={}", name);
      return Optional.empty();
    }
    refused++;
    long leftMs = Math.max(0, (openUntilNanos - now) / 1_000_000);
    return Optional.of(
        "circuit open"
            + (probing ? " (probe running)" : ", next try in " + leftMs + " ms")
            + " after: "
            + cause);
  }

  /** The service answered a job: the circuit closes. */
  public synchronized void success() {
    if (open) {
      log.info("pow service circuit closed service={} refusedWhileOpen={}", name, refused);
    }
    open = false;
    probing = false;
    backoff = min;
    refused = 0;
  }

  /**
   * A job found no usable replica ({@code why}): the circuit opens, longer after a failed probe.
   */
  public synchronized void failure(String why) {
    if (open && probing) {
      backoff = backoff.multipliedBy(2).compareTo(max) > 0 ? max : backoff.multipliedBy(2);
    } else if (!open) {
      backoff = min;
    }
    open = true;
    probing = false;
    cause = why;
    openUntilNanos = nanoTime.getAsLong() + backoff.toNanos();
    log.warn(
        "pow service circuit open service={} openMs={} cause={}", name, backoff.toMillis(), why);
  }

  /** The job that was the probe ended without a verdict (interrupted): the next job probes. */
  public synchronized void release() {
    probing = false;
  }

  public synchronized boolean isOpen() {
    return open;
  }
}
