package dev.bitmsg.node.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.ObjectMaker;
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.store.StorageFullException;
import dev.bitmsg.node.store.StoreCorruptException;
import dev.bitmsg.pow.testing.EasedPowRules;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage faults on real SQLite files: a truncated, overwritten or foreign file is refused at open
 * with a message naming it and the way to recover, and left byte for byte as it was; a database
 * that cannot grow (SQLite's max_page_count, as on a full disk) refuses the write, keeps every
 * committed row, and takes writes again once it may grow.
 */
class StorageFaultStoreTest {
  private static final long NOW = 1_800_000_000L;
  private final ObjectMaker maker = new ObjectMaker(new EasedPowRules(16), 9, 1);

  @TempDir Path tmp;

  @Test
  void truncatedFile_refusedAndLeftUnchanged() throws Exception {
    Path file = filled("t.db");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    assertRefusedUnchanged(file);
  }

  @Test
  void overwrittenPages_refusedAndLeftUnchanged() throws Exception {
    Path file = filled("o.db");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] junk = new byte[8192];
      Arrays.fill(junk, (byte) 0x5a);
      f.seek(f.length() / 3);
      f.write(junk);
    }
    assertRefusedUnchanged(file);
  }

  @Test
  void notADatabase_refusedAndLeftUnchanged() throws Exception {
    Path file = tmp.resolve("x.db");
    Files.writeString(file, "hello, this is a text file\n".repeat(200), StandardCharsets.UTF_8);
    assertRefusedUnchanged(file);
  }

  @Test
  void databaseThatCannotGrow_refusesWritesKeepsCommittedRowsAndResumes() {
    try (SqliteDatabase db = SqliteDatabase.open(tmp.resolve("f.db"))) {
      SqliteInventory inv = new SqliteInventory(db, false);
      List<InventoryItem> committed = items(50, 0);
      inv.addAll(committed);
      long pages = Long.parseLong(db.pragma("page_count"));
      db.maxPageCount(pages);

      StorageFullException e =
          assertThrows(StorageFullException.class, () -> inv.addAll(items(200, 1)));
      String m = String.valueOf(e.getMessage());
      assertTrue(m.contains("storage full"), m);
      assertTrue(m.contains(db.file().toString()), m);
      assertTrue(db.full());
      assertEquals(1, db.fullErrors());
      assertEquals(50, inv.count(), "the refused batch left nothing, the committed rows stay");
      for (InventoryItem item : committed) {
        assertTrue(inv.contains(item.vector()));
      }
      assertTrue(db.full(), "reads do not end the full state");

      db.maxPageCount(1_000_000);
      inv.addAll(items(200, 1));
      assertFalse(db.full(), "a write that succeeds ends it");
      assertEquals(250, inv.count());
      assertEquals(List.of("ok"), db.integrityCheck());
    }
  }

  private void assertRefusedUnchanged(Path file) throws IOException {
    byte[] before = Files.readAllBytes(file);
    StoreCorruptException e =
        assertThrows(StoreCorruptException.class, () -> SqliteDatabase.open(file).close());
    String m = String.valueOf(e.getMessage());
    assertTrue(m.contains(file.toString()), "names the file: " + m);
    assertTrue(m.contains("restore it from a backup"), "says how to recover: " + m);
    assertFalse(m.contains("\n"), "one line: " + m);
    assertArrayEquals(before, Files.readAllBytes(file), "left unchanged");
  }

  /** A closed database of a few hundred objects, checkpointed into the main file. */
  private Path filled(String name) {
    Path file = tmp.resolve(name);
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      new SqliteInventory(db, false).addAll(items(400, 2));
    }
    return file;
  }

  private List<InventoryItem> items(int n, int salt) {
    List<InventoryItem> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(InventoryItem.of(maker.make(NOW, 3600 + i + salt * 10_000, 1000)));
    }
    return out;
  }
}
