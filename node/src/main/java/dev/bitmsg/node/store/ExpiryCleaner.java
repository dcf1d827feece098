package dev.bitmsg.node.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic cleanup (PROTOCOL.md section 4 retention): deletes inventory objects that expired
 * more than {@link #GRACE} ago (PyBitmessage deletes rows with {@code expiresTime < now - 3 h});
 * with the messaging stores, also the pubkeys of others that we never sent to and that arrived more
 * than {@link #PUBKEY_RETENTION} ago (PyBitmessage's {@code usedpersonally='no'} rule; keys we used
 * are kept) and finished pubkey/getpubkey jobs as old. {@link #runOnce()} is what the node's
 * scheduler calls periodically; the clock is injected so tests can move time. Thread-safe if the
 * stores are.
 */
public final class ExpiryCleaner implements Runnable {
  /** How long past expiry objects are kept, so recently expired vectors are not re-downloaded. */
  public static final Duration GRACE = Duration.ofHours(3);

  /** How long unused pubkeys of others are kept (PyBitmessage's 28 days). */
  public static final Duration PUBKEY_RETENTION = Duration.ofDays(28);

  private static final Logger log = LoggerFactory.getLogger(ExpiryCleaner.class);

  private final Inventory inventory;
  private final Optional<PubkeyStore> pubkeys;
  private final Optional<PubkeyWorkJobs> jobs;
  private final Clock clock;

  public ExpiryCleaner(Inventory inventory, Clock clock) {
    this(inventory, Optional.empty(), Optional.empty(), clock);
  }

  public ExpiryCleaner(
      Inventory inventory,
      Optional<PubkeyStore> pubkeys,
      Optional<PubkeyWorkJobs> jobs,
      Clock clock) {
    this.inventory = inventory;
    this.pubkeys = pubkeys;
    this.jobs = jobs;
    this.clock = clock;
  }

  /** Deletes what is due now; returns the number of inventory objects removed. */
  public int runOnce() {
    long now = clock.instant().getEpochSecond();
    long cutoff = now - GRACE.toSeconds();
    int removed = inventory.deleteExpiredBefore(cutoff);
    if (removed > 0) {
      log.info("expired objects removed count={} expiredBefore={}", removed, cutoff);
    }
    long keep = now - PUBKEY_RETENTION.toSeconds();
    pubkeys.ifPresent(
        p -> {
          int gone = p.deleteUnusedBefore(keep);
          if (gone > 0) {
            log.info("unused pubkeys removed count={} olderThan={}", gone, PUBKEY_RETENTION);
          }
        });
    jobs.ifPresent(j -> j.deleteFinishedBefore(keep));
    return removed;
  }

  @Override
  public void run() {
    try {
      runOnce();
    } catch (StoreException e) {
      // A scheduled task that throws is silently descheduled; log loudly and keep the schedule.
      log.warn("cleanup failed", e);
    }
  }
}
