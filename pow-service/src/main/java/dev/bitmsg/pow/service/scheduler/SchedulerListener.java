package dev.bitmsg.pow.service.scheduler;

import java.time.Duration;

/**
 * Observes the scheduler for metrics and logs. Called on scheduler threads without locks held;
 * implementations must be thread-safe and quick.
 */
public interface SchedulerListener {
  SchedulerListener NONE = new SchedulerListener() {};

  /** The first slice of {@code job}'s search was handed to an engine after {@code waited}. */
  default void jobStarted(Job job, Duration waited) {}

  /** {@code job} reached final state {@code state}; {@code computed} is time since its start. */
  default void jobEnded(Job job, JobState state, Duration computed) {}

  /** Engine {@code engine} scanned {@code trials} nonces in one pass of {@code nanos}. */
  default void passCompleted(String engine, long trials, long nanos) {}

  /** Engine {@code engine} reported a nonce that failed CPU verification. */
  default void verificationFailed(String engine) {}
}
