package dev.bitmsg.node.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.ObjectMaker;
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.store.ReceiveQueue;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.pow.testing.EasedPowRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receive queue on a real SQLite file: every new inventory row is queued in the transaction
 * that stores it (own objects too, duplicates not again), it leaves only when marked done or when
 * the object expires, and it survives closing the database.
 */
class ReceiveQueueStoreTest {
  private static final long NOW = 1_800_000_000L;
  private final ObjectMaker maker = new ObjectMaker(new EasedPowRules(16), 5, 1);

  @TempDir Path tmp;

  @Test
  void newObjectsAreQueuedUntilDoneAndTheQueueOutlivesTheProcess() {
    Path file = tmp.resolve("n.db");
    ObjectMessage a = maker.make(NOW, 3600, 50);
    ObjectMessage b = maker.make(NOW, 3600, 60);
    ObjectMessage c = maker.make(NOW, 3600, 70);
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      SqliteInventory inv = new SqliteInventory(db, false);
      ReceiveQueue queue = new SqliteReceiveQueue(db);
      assertTrue(inv.add(InventoryItem.of(a)));
      assertFalse(inv.add(InventoryItem.of(a)), "a duplicate");
      assertTrue(inv.addOwn(InventoryItem.of(b)));
      inv.addAll(List.of(InventoryItem.of(a), InventoryItem.of(c)));
      assertEquals(3, queue.size(), "each new object once, own ones too");
      assertEquals(List.of(a, b, c), objects(queue, 1), "in arrival order, page by page");

      queue.done(List.of(b.inventoryVector()));
      assertEquals(List.of(a, c), objects(queue, 10));
    }
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      ReceiveQueue queue = new SqliteReceiveQueue(db);
      assertEquals(List.of(a, c), objects(queue, 10), "what was not done survives a restart");
      queue.done(List.of(a.inventoryVector(), c.inventoryVector(), b.inventoryVector()));
      assertEquals(0, queue.size());
    }
  }

  @Test
  void anExpiredObjectLeavesTheQueueWithItsRow() {
    try (SqliteDatabase db = SqliteDatabase.open(tmp.resolve("e.db"))) {
      SqliteInventory inv = new SqliteInventory(db, false);
      ReceiveQueue queue = new SqliteReceiveQueue(db);
      ObjectMessage shortLived = maker.make(NOW, 300, 50);
      ObjectMessage longLived = maker.make(NOW, 86_400, 50);
      inv.addAll(List.of(InventoryItem.of(shortLived), InventoryItem.of(longLived)));
      assertEquals(1, inv.deleteExpiredBefore(NOW + 3600));
      assertEquals(List.of(longLived), objects(queue, 10));
    }
  }

  /** Every queued object, read in pages of {@code page} through {@link ReceiveQueue#after}. */
  private static List<ObjectMessage> objects(ReceiveQueue queue, int page) {
    List<ObjectMessage> out = new ArrayList<>();
    long position = 0;
    while (true) {
      List<ReceiveQueue.Pending> p = queue.after(position, page);
      if (p.isEmpty()) {
        return out;
      }
      assertTrue(p.size() <= page);
      for (ReceiveQueue.Pending x : p) {
        assertTrue(x.position() > position, "positions grow");
        position = x.position();
        out.add(x.item().toObject());
      }
    }
  }
}
