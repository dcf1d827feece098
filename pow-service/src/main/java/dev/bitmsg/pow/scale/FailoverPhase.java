package dev.bitmsg.pow.scale;

import dev.bitmsg.pow.client.PowClient;
import dev.bitmsg.pow.client.RemoteAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kills (SIGKILL) the replica holding the most jobs while workers keep jobs running through the
 * balanced path, then lets every started job finish: the failover time is the longest wait, over
 * the jobs that were on it, from the kill to the first report of the replica that took the job
 * over; a job that failed is lost, one answered twice duplicated. Used once.
 */
final class FailoverPhase {
  private final List<ReplicaProcess> replicas;
  private final double jobTrials;

  FailoverPhase(List<ReplicaProcess> replicas, double jobTrials) {
    this.replicas = replicas;
    this.jobTrials = jobTrials;
  }

  /** Figures of the phase. Immutable. */
  record Result(
      String killed, double failoverSeconds, long jobs, long moved, long lost, long duplicated) {}

  private record Done(BenchJob job, long startedNanos, RemoteAnswer answer) {}

  Result run(int workers, PowClient via, Duration warmUp, Duration after)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong lost = new AtomicLong();
    List<Done> done = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    for (int i = 0; i < workers; i++) {
      pool.execute(
          () -> {
            while (!stop.get()) {
              BenchJob job = BenchJob.of(jobTrials);
              long started = System.nanoTime();
              try {
                RemoteAnswer a = job.run(via);
                synchronized (done) {
                  done.add(new Done(job, started, a));
                }
              } catch (InterruptedException e) {
                lost.incrementAndGet();
                return;
              } catch (RuntimeException e) {
                lost.incrementAndGet();
              }
            }
          });
    }
    Thread.sleep(warmUp.toMillis());
    ReplicaProcess victim = busiest();
    long killedAt = System.nanoTime();
    victim.kill();
    Thread.sleep(after.toMillis());
    stop.set(true);
    pool.shutdown(); // every started job finishes
    if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
      pool.shutdownNow();
    }
    double failover = 0;
    long moved = 0;
    Set<String> answered = new HashSet<>();
    long duplicated = 0;
    synchronized (done) {
      for (Done d : done) {
        if (!answered.add(d.job().hash().toHex())) {
          duplicated++;
        }
        if (d.answer().attempts() > 1 && d.startedNanos() < killedAt) {
          moved++;
          failover = Math.max(failover, (d.answer().resumedNanos() - killedAt) / 1e9);
        }
      }
      return new Result(
          victim.target().toString(),
          moved == 0 ? Double.NaN : failover,
          done.size() + lost.get(),
          moved,
          lost.get(),
          duplicated);
    }
  }

  /** The live replica with the most open jobs (the first one when none has any). */
  private ReplicaProcess busiest() {
    ReplicaProcess best = replicas.get(0);
    int most = -1;
    for (ReplicaProcess r : replicas) {
      int n = r.openJobs();
      if (r.alive() && n > most) {
        best = r;
        most = n;
      }
    }
    return best;
  }
}
