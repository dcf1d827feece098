package dev.bitmsg.node.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.ObjectMaker;
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.store.StorageFullException;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqliteInventory;
import dev.bitmsg.node.store.sqlite.SqliteReceiveQueue;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.pow.testing.EasedPowRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable receive path on a real SQLite queue: what a previous run left unprocessed is
 * processed at start, more objects than fit in memory all get processed (the overflow is read back
 * from the database), a processing that fails for a full disk is retried until it succeeds, one
 * that keeps failing is given up after three attempts, and every processed object leaves the queue.
 */
class ReceiveWorkersTest {
  private static final long NOW = System.currentTimeMillis() / 1000;
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Duration RETRY = Duration.ofMillis(100);

  private final ObjectMaker maker = new ObjectMaker(new EasedPowRules(16), 21, 1);
  private final Map<InventoryVector, Integer> processed = new ConcurrentHashMap<>();

  @TempDir Path tmp;

  @Test
  void objectsLeftByAKilledRun_processedAtStart() {
    try (SqliteDatabase db = SqliteDatabase.open(tmp.resolve("a.db"))) {
      List<ObjectMessage> left = store(db, 600); // more than the workers hold in memory
      try (ReceiveWorkers w = workers(db, this::record)) {
        w.start();
        awaitEmpty(db);
      }
      assertEquals(vectors(left), processed.keySet());
    }
  }

  @Test
  void liveObjectsBeyondTheMemoryQueue_allProcessedThroughTheDatabase() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (SqliteDatabase db = SqliteDatabase.open(tmp.resolve("b.db"))) {
      try (ReceiveWorkers w =
          workers(
              db,
              o -> {
                await(release);
                record(o);
              })) {
        w.start();
        List<ObjectMessage> all = store(db, 1000);
        all.forEach(w::offer); // the workers are held: most of these overflow
        release.countDown();
        awaitEmpty(db);
        assertEquals(vectors(all), processed.keySet());
      }
    }
  }

  @Test
  void fullDisk_retriedUntilItSucceeds() {
    try (SqliteDatabase db = SqliteDatabase.open(tmp.resolve("c.db"))) {
      List<ObjectMessage> objects = store(db, 3);
      InventoryVector unlucky = objects.get(1).inventoryVector();
      Map<InventoryVector, Integer> attempts = new ConcurrentHashMap<>();
      try (ReceiveWorkers w =
          workers(
              db,
              o -> {
                int n = attempts.merge(o.inventoryVector(), 1, Integer::sum);
                if (o.inventoryVector().equals(unlucky) && n <= 4) {
                  throw new StorageFullException("storage full: test", new RuntimeException());
                }
                record(o);
              })) {
        w.start();
        objects.forEach(w::offer);
        awaitEmpty(db);
      }
      assertEquals(5, attempts.get(unlucky), "a full disk never gives up");
      assertEquals(vectors(objects), processed.keySet());
    }
  }

  @Test
  void aFailureThatPersists_givenUpAfterThreeAttempts() {
    try (SqliteDatabase db = SqliteDatabase.open(tmp.resolve("d.db"))) {
      List<ObjectMessage> objects = store(db, 2);
      InventoryVector broken = objects.get(0).inventoryVector();
      Map<InventoryVector, Integer> attempts = new ConcurrentHashMap<>();
      try (ReceiveWorkers w =
          workers(
              db,
              o -> {
                attempts.merge(o.inventoryVector(), 1, Integer::sum);
                if (o.inventoryVector().equals(broken)) {
                  throw new IllegalStateException("a bug");
                }
                record(o);
              })) {
        w.start();
        awaitEmpty(db);
      }
      assertEquals(3, attempts.get(broken));
      assertEquals(List.of(objects.get(1).inventoryVector()), List.copyOf(processed.keySet()));
    }
  }

  private ReceiveWorkers workers(SqliteDatabase db, Consumer<ObjectMessage> process) {
    return new ReceiveWorkers(new SqliteReceiveQueue(db), process, RETRY, 2);
  }

  private void record(ObjectMessage o) {
    processed.merge(o.inventoryVector(), 1, Integer::sum);
  }

  private List<ObjectMessage> store(SqliteDatabase db, int n) {
    List<ObjectMessage> out = new ArrayList<>(n);
    List<InventoryItem> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ObjectMessage o = maker.make(NOW, 3600 + i, 40);
      out.add(o);
      items.add(InventoryItem.of(o));
    }
    new SqliteInventory(db, false).addAll(items);
    return out;
  }

  private static void awaitEmpty(SqliteDatabase db) {
    SqliteReceiveQueue queue = new SqliteReceiveQueue(db);
    Await.until(LIMIT, () -> "receive queue empty, has " + queue.size(), () -> queue.size() == 0);
  }

  private static Set<InventoryVector> vectors(List<ObjectMessage> objects) {
    return new HashSet<>(objects.stream().map(ObjectMessage::inventoryVector).toList());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(LIMIT.toSeconds(), TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
