package dev.bitmsg.pow.service;

import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.service.scheduler.Job;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a call ends: a unary answer once its job ends (and the job stopped when the call goes away
 * first), or an explicit status from {@link StatusMapper}. Neither throws. Stateless.
 */
final class Replies {
  private static final Logger log = LoggerFactory.getLogger(Replies.class);

  private Replies() {}

  /** Answers a unary call when its job ends; stops the job when the call goes away first. */
  static <R> void answerWhenDone(Job job, StreamObserver<R> out, Function<PowSolution, R> map) {
    Context ctx = stopWhenCallEnds(job);
    Completions.onCompletion(
        job.result(),
        (sol, err) -> {
          if (ctx.isCancelled()) {
            return;
          }
          if (err != null) {
            fail(out, err);
            return;
          }
          try {
            out.onNext(map.apply(sol));
            out.onCompleted();
          } catch (RuntimeException e) {
            log.debug("answer not delivered job={}", job.id(), e);
          }
        });
  }

  /**
   * Ties {@code job} to the current call: the job expires when the call's deadline passes and is
   * cancelled when the client cancels or goes away. Returns the call's context.
   */
  static Context stopWhenCallEnds(Job job) {
    Context ctx = Context.current();
    ctx.addListener(
        c -> {
          // A finished call also cancels its context, with no cause; the job is done by then.
          Throwable cause = c.cancellationCause();
          if (cause != null
              && Status.fromThrowable(cause).getCode() == Status.Code.DEADLINE_EXCEEDED) {
            job.expire("the call's deadline passed");
          } else {
            job.cancel("the caller went away");
          }
        },
        Runnable::run);
    return ctx;
  }

  static void fail(StreamObserver<?> out, Throwable e) {
    Status s = StatusMapper.toStatus(e);
    if (s.getCode() == Status.Code.INTERNAL) {
      log.warn("internal error status={}", s.getCode(), e);
    }
    try {
      out.onError(s.asRuntimeException());
    } catch (RuntimeException alreadyClosed) {
      log.debug("error not delivered status={}", s, alreadyClosed);
    }
  }
}
