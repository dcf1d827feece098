package dev.bitmsg.pow.client;

import dev.bitmsg.pow.v1.SolveEvent;
import dev.bitmsg.pow.v1.SolveProgress;
import dev.bitmsg.pow.v1.SolveStreamRequest;
import io.grpc.ConnectivityState;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.net.SocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One {@code SolveStream} call of a job, watched by the calling thread: every progress report goes
 * to the job's listener; a silence longer than the stall timeout (after a first report), or no
 * first report in time, cancels the call. The call waits for a ready replica (wait-for-ready), so a
 * replica that is reconnecting does not fail it, but gives up early when the channel has had no
 * healthy replica for a while. Used once, by one thread.
 */
final class JobAttempt implements ClientResponseObserver<SolveStreamRequest, SolveEvent> {
  private static final Object COMPLETED = new Object();

  private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final AtomicReference<SocketAddress> peer = new AtomicReference<>();
  private volatile @Nullable ClientCallStreamObserver<SolveStreamRequest> call; // beforeStart

  /** Runs the call to its end; {@code progress} sees every report, on the calling thread. */
  static AttemptOutcome run(
      PowChannel channel, SolveStreamRequest request, Consumer<SolveProgress> progress)
      throws InterruptedException {
    return new JobAttempt().go(channel, request, progress);
  }

  private AttemptOutcome go(
      PowChannel channel, SolveStreamRequest request, Consumer<SolveProgress> progress)
      throws InterruptedException {
    FailoverTiming timing = channel.settings().timing();
    channel.async().withWaitForReady().withOption(PowChannel.PEER, peer).solveStream(request, this);
    long start = System.nanoTime();
    long last = start;
    boolean heard = false;
    long firstHeard = 0;
    long notReadySince = -1;
    try {
      while (true) {
        long limit = (heard ? timing.stallTimeout() : timing.firstEventTimeout()).toNanos();
        long left = last + limit - System.nanoTime();
        if (left <= 0) {
          cancel(heard ? "replica stalled" : "no replica took the call");
          long silent = (System.nanoTime() - last) / 1_000_000;
          return heard
              ? new AttemptOutcome.Stalled(replica(channel), silent)
              : new AttemptOutcome.NotReady(String.valueOf(channel.state(false)), silent);
        }
        Object m =
            inbox.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
        if (m == null) {
          if (!heard) {
            ConnectivityState s = channel.state(false);
            long now = System.nanoTime();
            if (s == ConnectivityState.TRANSIENT_FAILURE) {
              notReadySince = notReadySince < 0 ? now : notReadySince;
              if (now - notReadySince >= timing.notReadyGrace().toNanos()) {
                cancel("no healthy replica");
                return new AttemptOutcome.NotReady(s.toString(), (now - start) / 1_000_000);
              }
            } else {
              notReadySince = -1;
            }
          }
          continue;
        }
        last = System.nanoTime();
        if (m instanceof SolveEvent e) {
          if (!heard) {
            heard = true;
            firstHeard = last;
          }
          if (e.hasResult()) {
            return new AttemptOutcome.Answered(e.getResult(), replica(channel), firstHeard);
          }
          if (e.hasProgress()) {
            progress.accept(e.getProgress());
          }
        } else if (m instanceof Throwable t) {
          return new AttemptOutcome.Failed(Status.fromThrowable(t), replica(channel), heard);
        } else {
          return new AttemptOutcome.Failed(
              Status.INTERNAL.withDescription("the stream ended without an answer"),
              replica(channel),
              heard);
        }
      }
    } catch (InterruptedException | RuntimeException e) {
      cancel("the job was abandoned");
      throw e;
    }
  }

  private String replica(PowChannel channel) {
    SocketAddress p = peer.get();
    return p == null ? "?" : channel.replicaName(p);
  }

  private void cancel(String why) {
    ClientCallStreamObserver<SolveStreamRequest> c = call;
    if (c != null) {
      c.cancel(why, null);
    }
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<SolveStreamRequest> requestStream) {
    call = requestStream;
  }

  @Override
  public void onNext(SolveEvent value) {
    inbox.add(value);
  }

  @Override
  public void onError(Throwable t) {
    inbox.add(t);
  }

  @Override
  public void onCompleted() {
    inbox.add(COMPLETED);
  }
}
