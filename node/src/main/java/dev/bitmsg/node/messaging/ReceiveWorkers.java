package dev.bitmsg.node.messaging;

import dev.bitmsg.node.store.ReceiveQueue;
import dev.bitmsg.node.store.StorageFullException;
import dev.bitmsg.node.store.StoreException;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.ObjectMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Receiver} on every stored object, durably and in bounded memory. The inventory
 * queues each new object in its {@link ReceiveQueue} in the transaction that stores it; an object
 * leaves the queue only after its processing returned, i.e. after its effects (inbox row, ack
 * publication, pubkey, ...) committed. So whatever kills the process, the next start finds every
 * object whose effects may be missing and processes it again (the receiver's steps are idempotent:
 * at-least-once processing, exactly-once effects).
 *
 * <p>The queue in memory is only a shortcut: objects announced by the inventory listener ({@link
 * #offer}) are processed at once while there is room (at most {@value #MAX_QUEUED} objects and
 * {@value #MAX_QUEUED_BYTES} bytes queued); when there is none, the object simply stays in the
 * database queue and a sweep reads it from there later, a page at a time. Sweeps run at start,
 * after an overflow, and every {@code retryEvery} while some processing failed (a full disk, say),
 * so work resumes by itself when the cause is gone. An object whose processing fails {@value
 * #MAX_ATTEMPTS} times for a reason other than a full disk is dropped from the queue with an error
 * line rather than retried forever. Marks of finished objects are written in batches.
 *
 * <p>Threads: one per core (at most 4; trial decryption is CPU-bound and objects are independent)
 * plus one sweeper. Thread-safe.
 */
public final class ReceiveWorkers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReceiveWorkers.class);
  private static final int MAX_QUEUED = 256;
  private static final int MAX_QUEUED_BYTES = 8 << 20;
  private static final int PAGE = 64;
  private static final int DONE_BATCH = 128;
  private static final int MAX_ATTEMPTS = 3;

  private final ReceiveQueue queue;
  private final Consumer<ObjectMessage> process;
  private final Duration retryEvery;
  private final ArrayBlockingQueue<ObjectMessage> work = new ArrayBlockingQueue<>(MAX_QUEUED);
  private final Semaphore bytes = new Semaphore(MAX_QUEUED_BYTES);

  /** Queued, being processed, or finished with the mark not yet written: not to be swept again. */
  private final Set<InventoryVector> tracked = ConcurrentHashMap.newKeySet();

  private final ConcurrentLinkedQueue<InventoryVector> done = new ConcurrentLinkedQueue<>();
  private final AtomicInteger doneCount = new AtomicInteger();
  private final Map<InventoryVector, Integer> failures = new ConcurrentHashMap<>();
  private final AtomicBoolean retryWanted = new AtomicBoolean();
  private final Semaphore wake = new Semaphore(0);
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;

  /**
   * @param process the receiver's processing of one object; returns when its effects committed
   * @param retryEvery how long after a failed processing the queue is swept again
   */
  public ReceiveWorkers(
      ReceiveQueue queue, Consumer<ObjectMessage> process, Duration retryEvery, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    this.queue = queue;
    this.process = process;
    this.retryEvery = retryEvery;
    for (int i = 0; i < threads; i++) {
      this.threads.add(daemon(this::work, "bitmsg-receiver"));
    }
    this.threads.add(daemon(this::sweepLoop, "bitmsg-receive-sweeper"));
  }

  /** The default pool size: one thread per core, at most 4. */
  public static int defaultThreads() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /** Starts the threads; the first sweep processes what an earlier run left in the queue. */
  public void start() {
    long waiting = queue.size();
    if (waiting > 0) {
      log.info("receive queue resumed objects={}", waiting);
    }
    threads.forEach(Thread::start);
    wake.release();
  }

  /**
   * A newly stored object (the inventory's listener; returns at once): queued for processing when
   * there is room, else left to a sweep of the database queue.
   */
  public void offer(ObjectMessage object) {
    InventoryVector v = object.inventoryVector();
    if (closed || !tracked.add(v)) {
      return;
    }
    int cost = cost(object);
    if (!bytes.tryAcquire(cost)) {
      tracked.remove(v);
      wake.release();
      return;
    }
    if (!work.offer(object)) {
      bytes.release(cost);
      tracked.remove(v);
      wake.release();
    }
  }

  private void work() {
    try {
      while (!closed) {
        ObjectMessage o = work.poll(1, TimeUnit.SECONDS);
        if (o == null) {
          flushDone();
          continue;
        }
        try {
          processOne(o);
        } finally {
          bytes.release(cost(o));
        }
        if (doneCount.get() >= DONE_BATCH || work.isEmpty()) {
          flushDone();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void processOne(ObjectMessage o) {
    InventoryVector v = o.inventoryVector();
    try {
      process.accept(o);
      // Its effects are stored by now: tests wait for this line.
      log.debug("object processed vector={}", v);
      failures.remove(v);
      finished(v);
    } catch (StorageFullException e) {
      // Environmental: retried until space returns, however long that takes.
      log.warn("object kept for a retry vector={} cause={}", v, e.getMessage());
      tracked.remove(v);
      retryWanted.set(true);
    } catch (RuntimeException e) {
      int attempts = failures.merge(v, 1, Integer::sum);
      if (attempts >= MAX_ATTEMPTS) {
        log.error("object processing failed, dropped vector={} attempts={}", v, attempts, e);
        failures.remove(v);
        finished(v);
      } else {
        log.warn(
            "object processing failed, kept for a retry vector={} attempts={}", v, attempts, e);
        tracked.remove(v);
        retryWanted.set(true);
      }
    }
  }

  private void finished(InventoryVector v) {
    done.add(v);
    doneCount.incrementAndGet();
  }

  /** Writes the marks of finished objects (any thread; each mark is taken by one caller). */
  private void flushDone() {
    List<InventoryVector> batch = new ArrayList<>();
    InventoryVector v;
    while ((v = done.poll()) != null) {
      doneCount.decrementAndGet();
      batch.add(v);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      queue.done(batch);
    } catch (StoreException e) {
      // Not lost: the objects stay queued and are processed again by a later sweep.
      log.warn("processed marks not written objects={} cause={}", batch.size(), e.getMessage());
      retryWanted.set(true);
    }
    batch.forEach(tracked::remove);
  }

  /** Sweeps when woken (start, overflow) and every {@code retryEvery} while a retry is due. */
  private void sweepLoop() {
    try {
      while (!closed) {
        boolean woken = wake.tryAcquire(retryEvery.toMillis(), TimeUnit.MILLISECONDS);
        if (!woken && !retryWanted.get()) {
          continue;
        }
        wake.drainPermits();
        retryWanted.set(false);
        sweep();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Hands every queued object not already tracked to the workers, waiting for room as needed. */
  private void sweep() throws InterruptedException {
    long position = 0;
    while (!closed) {
      List<ReceiveQueue.Pending> page;
      try {
        page = queue.after(position, PAGE);
      } catch (StoreException e) {
        log.warn("receive queue not readable, retrying later cause={}", e.getMessage());
        retryWanted.set(true);
        return;
      }
      if (page.isEmpty()) {
        return;
      }
      for (ReceiveQueue.Pending p : page) {
        position = p.position();
        ObjectMessage o = p.item().toObject();
        if (!tracked.add(o.inventoryVector())) {
          continue;
        }
        bytes.acquire(cost(o));
        work.put(o);
      }
    }
  }

  /** An object's share of the byte budget: its size, capped so that any object fits alone. */
  private static int cost(ObjectMessage o) {
    return Math.min(o.length(), MAX_QUEUED_BYTES);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Stops the threads (an object being processed finishes) and writes the pending marks. */
  @Override
  public void close() {
    closed = true;
    threads.forEach(Thread::interrupt);
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    flushDone();
  }
}
