package dev.bitmsg.pow.service;

import dev.bitmsg.pow.service.auth.AuthInterceptor;
import dev.bitmsg.pow.service.auth.ClientIdentity;
import dev.bitmsg.pow.service.auth.QuotaLedger;
import dev.bitmsg.pow.service.scheduler.ClientShare;
import dev.bitmsg.pow.service.scheduler.Job;
import dev.bitmsg.pow.service.scheduler.JobSpec;
import dev.bitmsg.pow.service.scheduler.Scheduler;
import io.grpc.Context;
import io.grpc.Deadline;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a mapped request into a scheduled job for the calling client: checks the server's queue cap
 * ({@link QueueCap}) and the client's quota, picks the job's time limit and hands the job to the
 * {@link Scheduler}. Thread-safe.
 */
final class JobAdmission {
  private static final Logger log = LoggerFactory.getLogger(JobAdmission.class);

  private final Scheduler scheduler;
  private final QuotaLedger quotas;
  private final PowServiceConfig.Limits limits;
  private final QueueCap queue;

  JobAdmission(Scheduler scheduler, QuotaLedger quotas, PowServiceConfig.Limits limits) {
    this.scheduler = scheduler;
    this.quotas = quotas;
    this.limits = limits;
    this.queue = new QueueCap(limits.maxQueuedJobs());
  }

  /**
   * Checks the server's queue cap and the client's quotas and queues the job; its place in the
   * queue and its quota slot are freed when the job ends.
   */
  Job admit(SearchRequest search, Duration timeout) {
    ClientIdentity client = AuthInterceptor.current();
    QueueCap.Place place = queue.take();
    QuotaLedger.Admission slot;
    try {
      slot = quotas.admit(client, search.expectedTrials());
    } catch (RuntimeException e) {
      place.close();
      throw e;
    }
    Job job;
    try {
      job =
          scheduler.submit(
              new JobSpec(
                  search.initialHash(),
                  search.target(),
                  search.priority(),
                  new ClientShare(client.name(), client.weight()),
                  timeout,
                  search.startNonce()));
    } catch (RuntimeException e) {
      slot.close();
      place.close();
      throw e;
    }
    Completions.onCompletion(
        job.result(),
        (s, e) -> {
          slot.close();
          place.close();
        });
    log.info(
        "job admitted job={} client={} priority={} target={} expectedTrials={}",
        job.id(),
        client.name(),
        search.priority(),
        Long.toUnsignedString(search.target()),
        (long) search.expectedTrials());
    return job;
  }

  /** The call's deadline, capped by the server's maximum job time. */
  Duration callTimeout() {
    Deadline d = Context.current().getDeadline();
    Duration max = limits.maxJobTime();
    if (d == null) {
      return max;
    }
    long left = d.timeRemaining(TimeUnit.NANOSECONDS);
    return left <= 0 ? Duration.ofNanos(1) : Duration.ofNanos(Math.min(left, max.toNanos()));
  }

  /** A Submit's own {@code timeout_ms} (0: the server's maximum), refused above that maximum. */
  Duration submitTimeout(long timeoutMs) {
    Duration timeout = limits.maxJobTime();
    if (timeoutMs != 0) {
      if (timeoutMs < 0 || timeoutMs > timeout.toMillis()) {
        throw new InvalidRequestException(
            "timeout_ms must be at most " + timeout.toMillis() + " (the server's maximum)");
      }
      timeout = Duration.ofMillis(timeoutMs);
    }
    return timeout;
  }
}
