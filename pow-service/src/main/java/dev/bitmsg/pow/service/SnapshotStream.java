package dev.bitmsg.pow.service;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.grpc.stub.ServerCallStreamObserver;
import org.jspecify.annotations.Nullable;

/**
 * A server stream of progress snapshots that honours flow control: a snapshot is written only while
 * the stream is ready (the transport has room, the client has asked for messages); otherwise it is
 * kept as the one pending snapshot, replaced by any newer one, and written when the stream becomes
 * ready again. A reader that does not keep up therefore costs the server at most one buffered
 * snapshot plus what the transport holds before it reports not ready, never a queue that grows with
 * time. The last message (the answer) is always written: it is one message. Thread-safe: writes are
 * serialized on {@code this}.
 */
final class SnapshotStream<T> {
  private final ServerCallStreamObserver<T> out;

  @GuardedBy("this")
  private @Nullable T pending;

  @GuardedBy("this")
  private boolean closed;

  @GuardedBy("this")
  private long skipped;

  /**
   * Takes over {@code out}'s ready and cancel handlers; call it from the service method itself
   * (gRPC accepts those handlers only then). {@code onCancel} runs when the client goes away.
   */
  SnapshotStream(ServerCallStreamObserver<T> out, Runnable onCancel) {
    this.out = out;
    out.setOnReadyHandler(this::drain);
    out.setOnCancelHandler(
        () -> {
          synchronized (this) {
            closed = true;
            pending = null;
          }
          onCancel.run();
        });
  }

  /** Writes {@code snapshot} now if the stream is ready, else keeps it as the pending one. */
  synchronized void offer(T snapshot) {
    if (closed) {
      return;
    }
    if (out.isReady()) {
      pending = null;
      out.onNext(snapshot);
    } else {
      if (pending != null) {
        skipped++;
      }
      pending = snapshot;
    }
  }

  /** Writes the last message and ends the stream with OK; false when it had ended already. */
  synchronized boolean finish(T last) {
    if (closed) {
      return false;
    }
    closed = true;
    pending = null;
    out.onNext(last);
    out.onCompleted();
    return true;
  }

  /** Ends the stream with {@code error} (mapped by {@link Replies#fail}) unless it had ended. */
  synchronized void fail(Throwable error) {
    if (closed) {
      return;
    }
    closed = true;
    pending = null;
    Replies.fail(out, error);
  }

  /** Snapshots replaced before they could be written: the reader was too slow for them. */
  synchronized long skipped() {
    return skipped;
  }

  private synchronized void drain() {
    T p = pending;
    if (!closed && p != null && out.isReady()) {
      pending = null;
      out.onNext(p);
    }
  }
}
