package dev.bitmsg.pow.service.scheduler;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The jobs' deadline timers, on one daemon thread. Thread-safe. */
final class Deadlines {
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "pow-deadlines");
            t.setDaemon(true);
            return t;
          });

  /** Runs {@code expire} after {@code timeout} unless the returned future is cancelled first. */
  ScheduledFuture<?> after(Duration timeout, Runnable expire) {
    return timers.schedule(expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  void shutdown() {
    timers.shutdownNow();
  }
}
