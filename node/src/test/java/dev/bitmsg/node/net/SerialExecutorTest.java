package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Per-peer serial queues on a shared pool: order kept, never concurrent, refusal survived. */
class SerialExecutorTest {
  @Test
  void tasksRunInOrder_oneAtATime_onASharedPool() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      SerialExecutor a = new SerialExecutor(pool, "a");
      SerialExecutor b = new SerialExecutor(pool, "b");
      List<Integer> seenA =
          new ArrayList<>(); // unsynchronised on purpose: confinement is the claim
      List<Integer> seenB = new ArrayList<>();
      AtomicBoolean overlap = new AtomicBoolean();
      AtomicBoolean inA = new AtomicBoolean();
      int n = 20_000;
      CountDownLatch done = new CountDownLatch(2 * n); // countDown/await orders the list reads
      for (int i = 0; i < n; i++) {
        int k = i;
        a.execute(
            () -> {
              if (!inA.compareAndSet(false, true)) {
                overlap.set(true);
              }
              seenA.add(k);
              inA.set(false);
              done.countDown();
            });
        b.execute(
            () -> {
              seenB.add(k);
              done.countDown();
            });
      }
      assertTrue(done.await(30, TimeUnit.SECONDS), "all tasks ran");
      assertEquals(0, a.size());
      assertFalse(overlap.get(), "two tasks of one queue ran at once");
      for (int i = 0; i < n; i++) {
        assertEquals(i, seenA.get(i));
        assertEquals(i, seenB.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusedByAShutDownPool_dropsQueuedWorkWithoutThrowing() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.shutdown();
    SerialExecutor s = new SerialExecutor(pool, "closed");
    s.execute(() -> {});
    assertEquals(0, s.size());
  }
}
