package dev.bitmsg.pow.service.scheduler;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.bitmsg.pow.NonceScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engines' worker threads: one {@link ScannerWorker} and one daemon thread per scanner, started
 * once and stopped once. Thread-safe.
 */
final class Workers {
  private static final Logger log = LoggerFactory.getLogger(Workers.class);

  private final List<ScannerWorker> workers;

  @GuardedBy("this")
  private final List<Thread> threads = new ArrayList<>();

  Workers(List<? extends NonceScanner> scanners, Scheduler scheduler) {
    if (scanners.isEmpty()) {
      throw new IllegalArgumentException("the scheduler needs at least one scanner");
    }
    List<ScannerWorker> all = new ArrayList<>();
    for (NonceScanner s : scanners) {
      all.add(new ScannerWorker(all.size(), s, scheduler));
    }
    this.workers = List.copyOf(all);
  }

  /** The workers in index order. */
  List<ScannerWorker> all() {
    return workers;
  }

  /** Starts one thread per worker; each runs its engine's self-test first. */
  synchronized void start() {
    for (ScannerWorker w : workers) {
      Thread t = new Thread(w, "pow-worker-" + w.name());
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /**
   * Waits (up to 5 s each) for the threads, which end after their current pass once the scheduler
   * is closed, then closes the scanners. Call without the scheduler's lock.
   */
  void stop() {
    List<Thread> started;
    synchronized (this) {
      started = List.copyOf(threads);
    }
    for (Thread t : started) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (ScannerWorker w : workers) {
      try {
        w.scanner().close();
      } catch (RuntimeException e) {
        log.warn("engine close failed engine={}", w.name(), e);
      }
    }
  }
}
