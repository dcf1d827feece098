package dev.bitmsg.node.messaging;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.bitmsg.node.store.Outbox;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where the sender and a request to stop an outbox row (trash, cancel) meet. The proof of work of a
 * row runs on a thread of its own, so stopping the row interrupts that thread alone, which cancels
 * the PoW provider's search (the provider's contract), and never the sender thread in the middle of
 * its bookkeeping. Under one lock: the check that a row is still wanted and the start of its work;
 * the store change that stops a row and the cancelling of its work; the check and the publication
 * of its finished object. So a row stopped before its object went out is never published, and one
 * published is never shown as stopped before it. A row is wanted while it is neither trashed nor
 * final. Thread-safe.
 */
final class OutboxGate implements AutoCloseable {
  /** The row was trashed or ended before or during its work. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped(long id) {
      super("outbox row " + id + " was stopped");
    }
  }

  private final Outbox outbox;
  private final ExecutorService powThread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "bitmsg-send-pow");
            t.setDaemon(true);
            return t;
          });
  private final Object lock = new Object();

  @GuardedBy("lock")
  private long workingOn = -1;

  @GuardedBy("lock")
  private @Nullable Future<?> work;

  OutboxGate(Outbox outbox) {
    this.outbox = outbox;
  }

  /**
   * Runs the proof of work {@code pow} of row {@code id} on the PoW thread and waits for it.
   *
   * @throws Stopped when the row is not wanted any more, or was stopped while the work ran
   * @throws InterruptedException when the calling thread is interrupted (the work is cancelled)
   */
  <T> T solve(long id, Callable<T> pow) throws InterruptedException {
    Future<T> f;
    synchronized (lock) {
      if (!wanted(id)) {
        throw new Stopped(id);
      }
      f = powThread.submit(pow);
      workingOn = id;
      work = f;
    }
    try {
      return f.get();
    } catch (CancellationException e) {
      throw new Stopped(id);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      if (cause instanceof InterruptedException) {
        throw new InterruptedException("proof of work of row " + id + " interrupted");
      }
      throw new IllegalStateException("proof of work of row " + id + " failed", cause);
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    } finally {
      synchronized (lock) {
        workingOn = -1;
        work = null;
      }
    }
  }

  /**
   * Runs {@code change}, the store write that stops row {@code id} (trash, cancel), then cancels
   * the row's running proof of work, as one step against {@link #publish}.
   */
  <T> T stop(long id, Supplier<T> change) {
    synchronized (lock) {
      T result = change.get();
      Future<?> w = work;
      if (workingOn == id && w != null) {
        w.cancel(true);
      }
      return result;
    }
  }

  /**
   * Runs {@code publication} (publishing row {@code id}'s finished object and recording it) unless
   * the row is not wanted any more; returns whether it ran.
   */
  boolean publish(long id, Runnable publication) {
    synchronized (lock) {
      if (!wanted(id)) {
        return false;
      }
      publication.run();
      return true;
    }
  }

  @GuardedBy("lock")
  private boolean wanted(long id) {
    return outbox.get(id).map(e -> !e.trashed() && !e.status().isFinal()).orElse(false);
  }

  @Override
  public void close() {
    powThread.shutdownNow();
    try {
      powThread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
