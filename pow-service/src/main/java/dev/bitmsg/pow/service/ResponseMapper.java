package dev.bitmsg.pow.service;

import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.service.scheduler.Job;
import dev.bitmsg.pow.service.scheduler.JobProgress;
import dev.bitmsg.pow.v1.JobState;
import dev.bitmsg.pow.v1.SolveObjectResponse;
import dev.bitmsg.pow.v1.SolveProgress;
import dev.bitmsg.pow.v1.SolveResponse;

/**
 * Maps a job back to proto: the Solve and SolveObject answers (also carried in the last Watch
 * update and SolveStream event), SolveStream progress and the job state. The counterpart of {@link
 * RequestMapper}. Stateless.
 */
final class ResponseMapper {
  private ResponseMapper() {}

  static SolveResponse solveResponse(PowSolution s, long target, Job job) {
    return SolveResponse.newBuilder()
        .setNonce(s.nonce())
        .setTrialValue(s.trialValue())
        .setEngine(s.engine())
        .setTarget(target)
        .setTrials(s.trials())
        .setElapsedMs(s.elapsed().toMillis())
        .setEngineMs(job.engineTime().toNanos() / 1e6)
        .build();
  }

  static SolveObjectResponse objectResponse(PowSolution s, ObjectRequest o, Job job) {
    return SolveObjectResponse.newBuilder()
        .setNonce(s.nonce())
        .setTrialValue(s.trialValue())
        .setEngine(s.engine())
        .setTarget(o.search().target())
        .setObject(o.withNonce(s.nonce()))
        .setTrials(s.trials())
        .setElapsedMs(s.elapsed().toMillis())
        .setEngineMs(job.engineTime().toNanos() / 1e6)
        .build();
  }

  /** A SolveStream progress report of {@code p}. */
  static SolveProgress progress(JobProgress p) {
    return SolveProgress.newBuilder()
        .setState(stateOf(p))
        .setTrials(p.trials())
        .setTrialsPerSecond(p.trialsPerSecond())
        .setExpectedTrials(p.expectedTrials())
        .setEtaMs((long) (p.etaSeconds() * 1000))
        .setQueuePosition(p.queuePosition())
        .setSearchedFrom(p.searchedFrom())
        .setNextNonce(p.nextNonce())
        .build();
  }

  /** The proto state of a job's state (same names, prefixed {@code JOB_STATE_}). */
  static JobState stateOf(JobProgress p) {
    return switch (p.state()) {
      case QUEUED -> JobState.JOB_STATE_QUEUED;
      case RUNNING -> JobState.JOB_STATE_RUNNING;
      case DONE -> JobState.JOB_STATE_DONE;
      case CANCELLED -> JobState.JOB_STATE_CANCELLED;
      case EXPIRED -> JobState.JOB_STATE_EXPIRED;
      case FAILED -> JobState.JOB_STATE_FAILED;
    };
  }
}
