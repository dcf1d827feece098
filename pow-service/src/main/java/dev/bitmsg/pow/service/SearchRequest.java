package dev.bitmsg.pow.service;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.service.scheduler.JobPriority;
import dev.bitmsg.pow.service.scheduler.JobSpec;

/** A validated search: initial hash, unsigned non-zero target and class. Immutable. */
public record SearchRequest(InitialHash initialHash, long target, JobPriority priority) {
  public double expectedTrials() {
    return JobSpec.expectedTrials(target);
  }
}
