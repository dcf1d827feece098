package dev.bitmsg.node.net;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: one peer's work never runs
 * concurrently with itself, so the peer's state needs no locks, while different peers proceed in
 * parallel. After a batch of tasks the runner yields the pool thread so one busy peer cannot starve
 * the others. {@link #size()} lets the caller apply backpressure. Thread-safe.
 */
final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
  private static final int BATCH = 64;

  private final Executor pool;
  private final String name;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  SerialExecutor(Executor pool, String name) {
    this.pool = pool;
    this.name = name;
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    size.incrementAndGet();
    schedule();
  }

  int size() {
    return size.get();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        pool.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // Pool shut down (node closing) or saturated: drop the queued work rather than leave
        // this queue marked as scheduled forever.
        scheduled.set(false);
        int dropped = 0;
        while (tasks.poll() != null) {
          size.decrementAndGet();
          dropped++;
        }
        log.warn("worker pool refused work peer={} dropped={}", name, dropped);
      }
    }
  }

  private void drain() {
    try {
      for (int i = 0; i < BATCH; i++) {
        Runnable r = tasks.poll();
        if (r == null) {
          break;
        }
        size.decrementAndGet();
        try {
          r.run();
        } catch (RuntimeException e) {
          log.warn("peer task failed peer={}", name, e);
        }
      }
    } finally {
      scheduled.set(false);
      if (!tasks.isEmpty()) {
        schedule();
      }
    }
  }
}
