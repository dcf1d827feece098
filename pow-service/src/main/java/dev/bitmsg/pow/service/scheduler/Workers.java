package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.NonceScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engines' workers: one {@link ScannerWorker} and one daemon thread per scanner, their health
 * and measurements. Not thread-safe: used under the scheduler's lock, except {@link #stop}.
 */
final class Workers {
  private static final Logger log = LoggerFactory.getLogger(Workers.class);

  private final List<ScannerWorker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  Workers(List<? extends NonceScanner> scanners, Scheduler scheduler) {
    if (scanners.isEmpty()) {
      throw new IllegalArgumentException("the scheduler needs at least one scanner");
    }
    for (NonceScanner s : scanners) {
      workers.add(new ScannerWorker(s, scheduler));
    }
  }

  /** Starts one thread per worker; each runs its engine's self-test first. */
  void start() {
    for (ScannerWorker w : workers) {
      Thread t = new Thread(w, "pow-worker-" + w.name);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  int size() {
    return workers.size();
  }

  int healthy() {
    int n = 0;
    for (ScannerWorker w : workers) {
      if (w.healthy) {
        n++;
      }
    }
    return n;
  }

  List<EngineSnapshot> snapshot() {
    List<EngineSnapshot> out = new ArrayList<>();
    for (ScannerWorker w : workers) {
      out.add(
          new EngineSnapshot(
              w.name, w.trialsPerSecond, w.passTrials(), w.healthy, w.trialsTotal, w.busyNanos));
    }
    return out;
  }

  /**
   * Waits (up to 5 s each) for the threads, which end after their current pass once the scheduler
   * is closed, then closes the scanners. Call without the lock.
   */
  void stop() {
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (ScannerWorker w : workers) {
      try {
        w.scanner.close();
      } catch (RuntimeException e) {
        log.warn("engine={} event=close-failed", w.name, e);
      }
    }
  }
}
