package dev.bitmsg.node.store;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes inventory objects that expired more than {@link #GRACE} ago (PROTOCOL.md section 4
 * retention: PyBitmessage deletes rows with {@code expiresTime < now - 3 h}). {@link #runOnce()} is
 * what the node's scheduler calls periodically; the clock is injected so tests can move time.
 * Thread-safe if the inventory is.
 */
public final class ExpiryCleaner implements Runnable {
  /** How long past expiry objects are kept, so recently expired vectors are not re-downloaded. */
  public static final Duration GRACE = Duration.ofHours(3);

  private static final Logger log = LoggerFactory.getLogger(ExpiryCleaner.class);

  private final Inventory inventory;
  private final Clock clock;

  public ExpiryCleaner(Inventory inventory, Clock clock) {
    this.inventory = inventory;
    this.clock = clock;
  }

  /** Deletes what is due now; returns the number of objects removed. */
  public int runOnce() {
    long cutoff = clock.instant().getEpochSecond() - GRACE.toSeconds();
    int removed = inventory.deleteExpiredBefore(cutoff);
    if (removed > 0) {
      log.info("inventory: removed {} objects expired before {}", removed, cutoff);
    }
    return removed;
  }

  @Override
  public void run() {
    try {
      runOnce();
    } catch (StoreException e) {
      // A scheduled task that throws is silently descheduled; log loudly and keep the schedule.
      log.warn("inventory cleanup failed", e);
    }
  }
}
