package dev.bitmsg.pow.service;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.service.scheduler.JobPriority;
import java.util.OptionalLong;

/**
 * A validated search: initial hash, unsigned non-zero target, class and first nonce (random when
 * empty). Immutable.
 */
public record SearchRequest(
    InitialHash initialHash, long target, JobPriority priority, OptionalLong startNonce) {
  public SearchRequest(InitialHash initialHash, long target, JobPriority priority) {
    this(initialHash, target, priority, OptionalLong.empty());
  }

  public double expectedTrials() {
    return PowRules.expectedTrials(target);
  }
}
