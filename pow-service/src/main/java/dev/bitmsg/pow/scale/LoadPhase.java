package dev.bitmsg.pow.scale;

import dev.bitmsg.pow.client.PowClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Keeps the replicas busy for a window with workers that run jobs back to back, each through its
 * client, and measures what the replicas' engines did meanwhile: the sum of their trial counters
 * (GetInfo) over the window, per second. Balancing that leaves a replica idle, or piles jobs on
 * one, shows as a lower figure than the same load sent to each replica directly. Used once.
 */
final class LoadPhase {
  private final List<ReplicaProcess> replicas;
  private final double jobTrials;

  LoadPhase(List<ReplicaProcess> replicas, double jobTrials) {
    this.replicas = replicas;
    this.jobTrials = jobTrials;
  }

  /** Result of a window: engine trials per second and jobs that failed. Immutable. */
  record Result(double trialsPerSecond, long jobsDone, long jobsFailed) {
    /** Two windows of the same length as one: mean rate, jobs summed. */
    static Result mean(Result a, Result b) {
      return new Result(
          (a.trialsPerSecond + b.trialsPerSecond) / 2,
          a.jobsDone + b.jobsDone,
          a.jobsFailed + b.jobsFailed);
    }
  }

  Result run(int workers, IntFunction<PowClient> clientOf, Duration warmUp, Duration window)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      for (int i = 0; i < workers; i++) {
        PowClient client = clientOf.apply(i);
        pool.execute(
            () -> {
              while (!stop.get() && !Thread.currentThread().isInterrupted()) {
                try {
                  BenchJob.of(jobTrials).run(client);
                  done.incrementAndGet();
                } catch (InterruptedException e) {
                  return;
                } catch (RuntimeException e) {
                  failed.incrementAndGet();
                }
              }
            });
      }
      Thread.sleep(warmUp.toMillis());
      long d0 = done.get();
      long f0 = failed.get();
      long t0 = System.nanoTime();
      long s0 = trials();
      Thread.sleep(window.toMillis());
      long s1 = trials();
      long t1 = System.nanoTime();
      return new Result((s1 - s0) / ((t1 - t0) / 1e9), done.get() - d0, failed.get() - f0);
    } finally {
      stop.set(true);
      pool.shutdownNow(); // interrupts: the clients cancel their calls
      pool.awaitTermination(60, TimeUnit.SECONDS);
    }
  }

  private long trials() {
    long n = 0;
    for (ReplicaProcess r : replicas) {
      n += r.trialsTotal();
    }
    return n;
  }
}
