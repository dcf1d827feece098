package dev.bitmsg.pow.service;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server-wide cap on unfinished jobs (queued or running, all clients together): past it a new
 * job is refused at once with {@link QueueFullException} (RESOURCE_EXHAUSTED), so a flood of
 * requests cannot grow the queue, and the memory of the requests it holds, without bound; a client
 * can try another replica. Thread-safe.
 */
final class QueueCap {
  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  QueueCap(int max) {
    this.max = max;
  }

  /** A place in the queue, freed by closing it (idempotent). */
  interface Place extends AutoCloseable {
    @Override
    void close();
  }

  /** Takes a place, or throws {@link QueueFullException} when all {@code max} are taken. */
  Place take() {
    int n;
    do {
      n = open.get();
      if (n >= max) {
        throw new QueueFullException(
            "server queue full: "
                + n
                + " jobs queued or running, the most this server takes (max-queued-jobs);"
                + " try again later or another replica");
      }
    } while (!open.compareAndSet(n, n + 1));
    AtomicBoolean freed = new AtomicBoolean();
    return () -> {
      if (freed.compareAndSet(false, true)) {
        open.decrementAndGet();
      }
    };
  }

  /** Places taken now. */
  int taken() {
    return open.get();
  }
}
