package dev.bitmsg.pow.client;

import com.google.protobuf.ByteString;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowProgress;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.v1.Priority;
import dev.bitmsg.pow.v1.SolveRequest;
import dev.bitmsg.pow.v1.SolveResponse;
import dev.bitmsg.pow.v1.SolveStreamRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs proof-of-work jobs on the PoW service, over every replica it has: each job is one {@code
 * SolveStream} call (so any per-call proxy or balancer works), placed by gRPC's round_robin over
 * the healthy replicas ({@link PowChannel}). When the replica dies (the call fails) or hangs (no
 * report for the stall timeout) the job moves to another replica, resuming at the nonce the last
 * one reported as searched; a hung replica's connections are dropped first so it gets no more
 * calls. When no replica can take the job, it is handed back with where it stands ({@link
 * ServiceUnavailableException}) and the circuit opens ({@link CircuitBreaker}): later jobs are
 * handed back at once, until a probe finds the service again. Refusals that another replica would
 * repeat (a wrong token, a bad request) end the job at once as {@link StatusRuntimeException}.
 * Every answer is re-verified. Thread-safe: any number of jobs at once.
 */
public final class PowClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PowClient.class);

  /** Refusals every replica would repeat: moving the job elsewhere cannot help. */
  private static final Set<Status.Code> FINAL =
      Set.of(
          Status.Code.UNAUTHENTICATED,
          Status.Code.PERMISSION_DENIED,
          Status.Code.INVALID_ARGUMENT,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.OUT_OF_RANGE,
          Status.Code.UNIMPLEMENTED);

  private final PowChannel channel;
  private final CircuitBreaker breaker;
  private final TransportCheck transportCheck;

  private PowClient(PowChannel channel) {
    this.channel = channel;
    FailoverTiming t = channel.settings().timing();
    this.breaker =
        new CircuitBreaker(channel.describe(), t.breakerMin(), t.breakerMax(), System::nanoTime);
    this.transportCheck = new TransportCheck(channel.settings());
  }

  /**
   * A client of the service {@code settings} name. Starts connecting to every replica at once (and
   * health-checking them), so the first job does not wait for cold connections.
   */
  public static PowClient open(ClientSettings settings) {
    PowChannel channel = PowChannel.open(settings);
    channel.state(true);
    return new PowClient(channel);
  }

  /**
   * Finds a nonce whose trial value for {@code hash} is at most {@code target}, searching up from
   * {@code startNonce}; {@code progress} sees the trials over every replica the job went to.
   *
   * @throws ServiceUnavailableException no replica could finish it (with the resume point)
   * @throws StatusRuntimeException the service refused it for good (token, request)
   * @throws InterruptedException the thread was interrupted; the call is cancelled
   */
  public RemoteAnswer solve(
      InitialHash hash,
      long target,
      Priority priority,
      long startNonce,
      Consumer<PowProgress> progress)
      throws InterruptedException {
    SearchedPrefix prefix = new SearchedPrefix(startNonce);
    Optional<String> refused = breaker.refusal();
    if (refused.isPresent()) {
      throw new ServiceUnavailableException(refused.get(), startNonce, 0);
    }
    boolean settled = false;
    try {
      RemoteAnswer answer = attempts(hash, target, priority, prefix, progress);
      settled = true;
      return answer;
    } catch (StatusRuntimeException | ServiceUnavailableException e) {
      settled = true;
      throw e;
    } finally {
      if (!settled) {
        breaker.release(); // interrupted: a probe that did not finish must not hold the circuit
      }
    }
  }

  private RemoteAnswer attempts(
      InitialHash hash,
      long target,
      Priority priority,
      SearchedPrefix prefix,
      Consumer<PowProgress> progress)
      throws InterruptedException {
    FailoverTiming timing = channel.settings().timing();
    String lastProblem = "no call made";
    for (int attempt = 1; attempt <= timing.maxAttempts(); attempt++) {
      prefix.callStarts();
      SolveStreamRequest request = request(hash, target, priority, prefix.next(), timing);
      AttemptOutcome o =
          JobAttempt.run(
              channel,
              request,
              p -> {
                prefix.report(p);
                progress.accept(new PowProgress(prefix.trials(), p.getTrialsPerSecond()));
              });
      if (o instanceof AttemptOutcome.Answered a) {
        SolveResponse r = a.response();
        if (TrialValue.isSolution(r.getNonce(), hash, target)) {
          breaker.success();
          prefix.answered(r.getTrials());
          if (attempt > 1) {
            log.info(
                "pow job finished after moving replica={} attempts={} trials={}",
                a.replica(),
                attempt,
                prefix.trials());
          }
          return new RemoteAnswer(
              r.getNonce(),
              r.getEngine(),
              a.replica(),
              prefix.trials(),
              attempt,
              attempt > 1 ? a.firstHeardNanos() : 0);
        }
        log.error(
            "pow replica returned a nonce that does not meet the target replica={} engine={}",
            a.replica(),
            r.getEngine());
        lastProblem = "replica " + a.replica() + " returned a wrong nonce";
        continue;
      }
      if (o instanceof AttemptOutcome.Failed f && FINAL.contains(f.status().getCode())) {
        breaker.failure(describe(f.status()));
        throw f.status().augmentDescription("from " + channel.describe()).asRuntimeException();
      }
      if (o instanceof AttemptOutcome.NotReady n) {
        lastProblem = "no healthy replica (channel " + n.state() + " for " + n.waitedMs() + " ms)";
        break;
      }
      lastProblem = problem(o);
      if (o instanceof AttemptOutcome.Stalled) {
        channel.reconnect(); // the hung replica keeps its connection until keepalive notices
      }
      log.warn(
          "pow job moving to another replica replica={} problem={} resumeFrom={} trials={} attempt={}",
          o.replica(),
          lastProblem,
          Long.toUnsignedString(prefix.next()),
          prefix.trials(),
          attempt);
      if (!o.heard()) {
        Thread.sleep(Math.min(1000, 50L << Math.min(attempt, 5)));
      }
    }
    String why = lastProblem;
    Optional<String> mismatch = transportCheck.explain();
    if (mismatch.isPresent()) {
      why = mismatch.get();
    }
    breaker.failure(why);
    throw new ServiceUnavailableException(why, prefix.next(), prefix.trials());
  }

  private static SolveStreamRequest request(
      InitialHash hash, long target, Priority priority, long start, FailoverTiming timing) {
    return SolveStreamRequest.newBuilder()
        .setSolve(
            SolveRequest.newBuilder()
                .setInitialHash(ByteString.copyFrom(hash.toByteArray()))
                .setTarget(target)
                .setPriority(priority)
                .setStartNonce(start))
        .setProgressIntervalMs((int) timing.progressInterval().toMillis())
        .build();
  }

  private static String problem(AttemptOutcome o) {
    if (o instanceof AttemptOutcome.Stalled s) {
      return "replica " + s.replica() + " silent for " + s.silentMs() + " ms";
    }
    if (o instanceof AttemptOutcome.Failed f) {
      return (f.heard() ? "replica " + f.replica() + " failed mid-job: " : "")
          + describe(f.status());
    }
    return o.toString();
  }

  private static String describe(Status s) {
    String d = s.getDescription() == null ? "" : ": " + s.getDescription();
    Throwable cause = s.getCause();
    if (cause != null && cause.getMessage() != null && !d.contains(cause.getMessage())) {
      d += " (" + cause.getMessage() + ")";
    }
    return s.getCode() + d;
  }

  /** {@code remote HOST:PORT[,HOST:PORT...]}. */
  public String describe() {
    return channel.describe();
  }

  /** The channel, for calls other than jobs (GetInfo, Validate). */
  public PowChannel channel() {
    return channel;
  }

  /** Whether jobs are being handed back at once because the service was found down. */
  public boolean circuitOpen() {
    return breaker.isOpen();
  }

  @Override
  public void close() {
    channel.close();
  }
}
