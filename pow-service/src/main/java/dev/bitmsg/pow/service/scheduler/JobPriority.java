package dev.bitmsg.pow.service.scheduler;

/**
 * Scheduling classes, lowest first: a runnable job of a higher class always gets the next slice
 * before any job of a lower class. Immutable.
 */
public enum JobPriority {
  /** Background work nobody waits for. */
  BULK,
  /** Publishing a pubkey. */
  PUBKEY,
  /** An acknowledgement. */
  ACK,
  /** A message a person is waiting to send. */
  INTERACTIVE;

  boolean outranks(JobPriority other) {
    return compareTo(other) > 0;
  }
}
