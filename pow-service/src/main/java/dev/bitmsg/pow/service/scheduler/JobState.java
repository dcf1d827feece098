package dev.bitmsg.pow.service.scheduler;

/** Life cycle of a {@link Job}; the last four are final. Immutable. */
public enum JobState {
  QUEUED,
  RUNNING,
  DONE,
  CANCELLED,
  EXPIRED,
  FAILED;

  public boolean isFinal() {
    return this != QUEUED && this != RUNNING;
  }
}
