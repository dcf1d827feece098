package dev.bitmsg.pow.service.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Forwards scheduler events to every listener added, in order. Thread-safe. */
final class Listeners implements SchedulerListener {
  private final List<SchedulerListener> all = new CopyOnWriteArrayList<>();

  void add(SchedulerListener listener) {
    all.add(listener);
  }

  @Override
  public void jobStarted(Job job, Duration waited) {
    all.forEach(l -> l.jobStarted(job, waited));
  }

  @Override
  public void jobEnded(Job job, JobState state, Duration computed) {
    all.forEach(l -> l.jobEnded(job, state, computed));
  }

  @Override
  public void passCompleted(String engine, long trials, long nanos) {
    all.forEach(l -> l.passCompleted(engine, trials, nanos));
  }

  @Override
  public void verificationFailed(String engine) {
    all.forEach(l -> l.verificationFailed(engine));
  }
}
