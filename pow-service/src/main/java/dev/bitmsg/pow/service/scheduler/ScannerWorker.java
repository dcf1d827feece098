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
 * thread and holds no mutable state: its engine's measurements are the scheduler's ({@link
 * EngineMeters}, at this worker's index). Immutable.
 */
final class ScannerWorker implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ScannerWorker.class);

  private final int index;
  private final NonceScanner scanner;
  private final long trialsPerPass;
  private final Scheduler scheduler;

  ScannerWorker(int index, NonceScanner scanner, Scheduler scheduler) {
    this.index = index;
    this.scanner = scanner;
    this.trialsPerPass = Math.max(1, scanner.trialsPerPass());
    this.scheduler = scheduler;
  }

  /** Position among the scheduler's workers. */
  int index() {
    return index;
  }

  /**
   * The scanner's name now: the CPU engine's changes once its warm-up has switched it from {@code
   * digest} to the compiled kernel, and results and figures name what did the work.
   */
  String name() {
    return scanner.name();
  }

  /** The scanner's own pass size, read once at start. */
  long trialsPerPass() {
    return trialsPerPass;
  }

  NonceScanner scanner() {
    return scanner;
  }

  @Override
  public void run() {
    Optional<String> failure = SelfTest.check(scanner);
    if (failure.isPresent()) {
      log.error("engine failed its self-test engine={} reason={}", name(), failure.get());
    } else {
      log.info("engine passed its self-test engine={} trialsPerPass={}", name(), trialsPerPass);
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
        log.error("engine scan failed engine={}", name(), e);
        scheduler.workerFailed(this, batch, e.toString());
        return;
      }
      if (!scheduler.complete(this, batch, outcomes, System.nanoTime() - t0)) {
        return;
      }
    }
  }
}
