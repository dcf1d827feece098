package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.ScanOutcome;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop that keeps one {@link NonceScanner} busy: take a batch of slices from the scheduler,
 * scan it, report the outcomes, until the scheduler closes or the scanner fails. Runs on its own
 * thread; the mutable measurements are guarded by the scheduler's lock.
 */
final class ScannerWorker implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ScannerWorker.class);

  final NonceScanner scanner;
  final String name;
  final long trialsPerPass;
  private final Scheduler scheduler;

  // Guarded by the scheduler's lock.
  boolean healthy = true;
  double trialsPerSecond;
  long trialsTotal;
  long busyNanos;

  /** How long one pass should take: short enough for a new urgent job to start promptly. */
  static final double TARGET_PASS_SECONDS = 0.04;

  /**
   * Trials for the next pass: the scanner's own figure until a rate is measured, then enough for
   * about {@link #TARGET_PASS_SECONDS} at the measured rate (within 1/16x..4x of the scanner's
   * figure), so passes stay short when the machine is busier than the scanner assumed. Called under
   * the scheduler's lock.
   */
  long passTrials() {
    if (trialsPerSecond <= 0) {
      return trialsPerPass;
    }
    long measured = (long) (trialsPerSecond * TARGET_PASS_SECONDS);
    return Math.max(Math.max(1, trialsPerPass / 16), Math.min(trialsPerPass * 4, measured));
  }

  ScannerWorker(NonceScanner scanner, Scheduler scheduler) {
    this.scanner = scanner;
    this.name = scanner.name();
    this.trialsPerPass = Math.max(1, scanner.trialsPerPass());
    this.scheduler = scheduler;
  }

  @Override
  public void run() {
    Optional<String> failure = SelfTest.check(scanner);
    if (failure.isPresent()) {
      log.error("engine={} event=self-test-failed reason={}", name, failure.get());
    } else {
      log.info("engine={} event=self-test-passed trialsPerPass={}", name, trialsPerPass);
    }
    if (!scheduler.selfTested(this, failure)) {
      return;
    }
    while (true) {
      Batch batch;
      try {
        batch = scheduler.nextBatch(this);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (batch == null) {
        return;
      }
      long t0 = System.nanoTime();
      List<ScanOutcome> outcomes;
      try {
        outcomes = scanner.scan(batch.slices());
        if (outcomes.size() != batch.slices().size()) {
          throw new IllegalStateException(
              "scanner returned "
                  + outcomes.size()
                  + " outcomes for "
                  + batch.slices().size()
                  + " slices");
        }
      } catch (RuntimeException | LinkageError e) {
        log.error("engine={} event=scan-failed, taking it out of service", name, e);
        scheduler.workerFailed(this, batch, e.toString());
        return;
      }
      if (!scheduler.complete(this, batch, outcomes, System.nanoTime() - t0)) {
        return;
      }
    }
  }
}
