package dev.bitmsg.node.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.ObjectMaker;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.NetworkPowCheck;
import dev.bitmsg.node.net.ObjectIngest;
import dev.bitmsg.node.store.ExpiryCleaner;
import dev.bitmsg.node.store.Inventory;
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.store.KnownNode;
import dev.bitmsg.node.store.StoreException;
import dev.bitmsg.node.testing.MutableClock;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.ObjectHeader;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectType;
import dev.bitmsg.node.wire.ObjectValidator;
import dev.bitmsg.node.wire.ObjectVerdict;
import dev.bitmsg.pow.testing.EasedPowRules;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite inventory, known nodes, migrations and expiry on real database files. */
class SqliteStoreTest {
  private static final long NOW = 1_800_000_000L;
  @TempDir Path tmp;
  private final ObjectMaker maker = new ObjectMaker(new EasedPowRules(16), 3, 1);

  @Test
  void open_usesWalAndNormalSyncAndLatestSchema() {
    try (SqliteDatabase db = SqliteDatabase.open(tmp.resolve("a.db"))) {
      assertEquals("wal", db.pragma("journal_mode"));
      assertEquals("1", db.pragma("synchronous")); // NORMAL
      assertEquals(Migrations.STEPS.size(), db.schemaVersion());
      assertEquals(List.of("ok"), db.integrityCheck());
    }
  }

  @Test
  void migrate_appliesOnlyMissingStepsAndRefusesNewerDatabases() {
    Path file = tmp.resolve("m.db");
    try (SqliteDatabase db = SqliteDatabase.open(file, Migrations.STEPS.subList(0, 1))) {
      assertEquals(1, db.schemaVersion());
    }
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      assertEquals(Migrations.STEPS.size(), db.schemaVersion());
      new SqliteKnownNodes(db, false).upsert(new KnownNode("1.2.3.4", 8444, 1, 1, NOW, 0));
    }
    try (SqliteDatabase db = SqliteDatabase.open(file)) { // reopening is a no-op
      assertEquals(1, new SqliteKnownNodes(db, false).count());
    }
    StoreException e =
        assertThrows(
            StoreException.class, () -> SqliteDatabase.open(file, Migrations.STEPS.subList(0, 1)));
    assertTrue(String.valueOf(e.getMessage()).contains("newer"), e.getMessage());
  }

  @Test
  void inventory_addGetDuplicatesUnexpiredAndTags() {
    try (SqliteDatabase db = SqliteDatabase.open(tmp.resolve("i.db"));
        SqliteInventory inv = new SqliteInventory(db, false)) {
      ObjectMessage a = maker.make(NOW, 3600, 100);
      ObjectMessage b = maker.make(NOW, 7200, 120);
      assertTrue(inv.add(InventoryItem.of(a)));
      assertFalse(inv.add(InventoryItem.of(a)), "duplicate");
      assertEquals(
          List.of(false, true), inv.addAll(List.of(InventoryItem.of(a), InventoryItem.of(b))));
      assertEquals(2, inv.count());
      assertTrue(inv.contains(b.inventoryVector()));
      assertEquals(a, inv.get(a.inventoryVector()).orElseThrow().toObject());
      assertEquals(List.of(a.inventoryVector(), b.inventoryVector()), unexpired(inv, 1, NOW, 1));
      assertEquals(List.of(b.inventoryVector()), unexpired(inv, 1, NOW + 3600, 10));
      assertEquals(List.of(), unexpired(inv, 2, NOW, 10));

      byte[] tag = new byte[32];
      tag[0] = 7;
      ObjectMessage getpubkey =
          maker.solve(
              ObjectMessage.create(
                  0, new ObjectHeader(NOW + 600, ObjectType.GETPUBKEY, 4, 1), Bytes.of(tag)),
              NOW);
      inv.add(InventoryItem.of(getpubkey));
      assertEquals(
          List.of(getpubkey),
          inv.byTag(ObjectType.GETPUBKEY, Bytes.of(tag)).stream()
              .map(InventoryItem::toObject)
              .toList());
      // A msg is found by the first 32 bytes of its payload (PyBitmessage's destination hash).
      Bytes destination = a.rawSlice(a.payloadOffset(), a.payloadOffset() + 32);
      assertEquals(
          List.of(a),
          inv.byTag(ObjectType.MSG, destination).stream().map(InventoryItem::toObject).toList());
    }
  }

  @Test
  void inventoryOrigin_rowsFromBeforeStepFiveAreReceived_ownOnesAreListed() {
    Path file = tmp.resolve("o.db");
    ObjectMessage old = maker.make(NOW, 3600, 100);
    ObjectMessage own = maker.make(NOW, 7200, 110);
    ObjectMessage got = maker.make(NOW, 7200, 120);
    try (SqliteDatabase db = SqliteDatabase.open(file, Migrations.STEPS.subList(0, 4))) {
      // A row as the code of step 4 stored it (today's code also fills later steps' tables).
      InventoryItem item = InventoryItem.of(old);
      db.with(
          "store an old row",
          c -> {
            PreparedStatement ps =
                db.prepared(
                    "INSERT INTO inventory (vector, object_type, stream, expires, payload)"
                        + " VALUES (?, ?, ?, ?, ?)");
            ps.setBytes(1, item.vector().hash().toByteArray());
            ps.setLong(2, item.objectType());
            ps.setLong(3, item.stream());
            ps.setLong(4, item.expiresTime());
            ps.setBytes(5, item.raw().toByteArray());
            return ps.executeUpdate();
          });
    }
    try (SqliteDatabase db = SqliteDatabase.open(file);
        SqliteInventory inv = new SqliteInventory(db, false)) {
      assertFalse(
          inv.isOwn(old.inventoryVector()), "rows from before the step default to received");
      assertTrue(inv.addOwn(InventoryItem.of(own)));
      assertFalse(inv.addOwn(InventoryItem.of(own)), "duplicate");
      assertTrue(inv.add(InventoryItem.of(got)));
      assertFalse(inv.addOwn(InventoryItem.of(got)), "a received row stays received");
      assertTrue(inv.isOwn(own.inventoryVector()));
      assertFalse(inv.isOwn(got.inventoryVector()));
      assertEquals(Map.of(own.inventoryVector(), own.expiresTime()), inv.ownExpiries(NOW));
      assertEquals(Map.of(), inv.ownExpiries(own.expiresTime() + 1));
    }
  }

  @Test
  void stepSeven_givesMsgsStoredBeforeItTheirDestinationHash() {
    Path file = tmp.resolve("t.db");
    ObjectMessage old = maker.make(NOW, 3600, 100);
    try (SqliteDatabase db = SqliteDatabase.open(file, Migrations.STEPS.subList(0, 6));
        SqliteInventory inv = new SqliteInventory(db, false)) {
      InventoryItem untagged = InventoryItem.of(old);
      assertTrue(
          inv.add(
              new InventoryItem(
                  untagged.vector(),
                  untagged.objectType(),
                  untagged.stream(),
                  untagged.expiresTime(),
                  untagged.raw(),
                  Optional.empty())));
    }
    try (SqliteDatabase db = SqliteDatabase.open(file);
        SqliteInventory inv = new SqliteInventory(db, false)) {
      Bytes destination = old.rawSlice(old.payloadOffset(), old.payloadOffset() + 32);
      assertEquals(
          List.of(old),
          inv.byTag(ObjectType.MSG, destination).stream().map(InventoryItem::toObject).toList());
    }
  }

  @Test
  void closedDatabase_throwsStoreExceptionWithContext() {
    SqliteDatabase db = SqliteDatabase.open(tmp.resolve("c.db"));
    SqliteInventory inv = new SqliteInventory(db, true);
    inv.close();
    StoreException e = assertThrows(StoreException.class, inv::count);
    assertTrue(String.valueOf(e.getMessage()).contains("count objects"), e.getMessage());
  }

  @Test
  void knownNodes_upsertKeepsRatingAndLatestSeen_pruneAndCandidates() {
    try (SqliteDatabase db = SqliteDatabase.open(tmp.resolve("k.db"));
        SqliteKnownNodes kn = new SqliteKnownNodes(db, false)) {
      kn.upsert(new KnownNode("1.2.3.4", 8444, 1, 1, NOW, 0));
      kn.adjustRating("1.2.3.4", 8444, 0.7);
      kn.adjustRating("1.2.3.4", 8444, 0.7); // clamped to 1
      kn.upsert(new KnownNode("1.2.3.4", 8444, 1, 3, NOW - 100, 0)); // older sighting
      kn.upsert(new KnownNode("5.6.7.8", 8444, 1, 1, NOW - 4 * 3600, 0));
      kn.adjustRating("5.6.7.8", 8444, -0.5);
      kn.upsert(new KnownNode("9.9.9.9", 8080, 1, 1, NOW - 30L * 86400, 0));
      KnownNode first = kn.candidates(1, 10).get(0);
      assertEquals("1.2.3.4", first.host());
      assertEquals(1.0, first.rating());
      assertEquals(NOW, first.lastSeen());
      assertEquals(3, first.services());
      assertEquals(1, kn.seenSince(1, NOW - 3 * 3600, 10).size());
      assertEquals(2, kn.prune(NOW - 28L * 86400, NOW - 3 * 3600));
      assertEquals(1, kn.count());
    }
  }

  @Test
  void expiryCleaner_deletesOnlyAfterThreeHoursGrace() {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
    try (SqliteDatabase db = SqliteDatabase.open(tmp.resolve("e.db"));
        SqliteInventory inv = new SqliteInventory(db, false)) {
      ObjectValidator validator =
          new ObjectValidator(
              new NetworkPowCheck(new EasedPowRules(16)),
              NetworkParams.mainnet("0.1.0")::servesStream);
      ObjectIngest ingest = new ObjectIngest(validator, inv, clock);
      ObjectMessage shortLived = maker.make(NOW, 300, 100);
      ObjectMessage longLived = maker.make(NOW, 86_400, 100);
      assertEquals(ObjectIngest.Outcome.STORED, ingest.ingest(shortLived).outcome());
      assertEquals(ObjectIngest.Outcome.STORED, ingest.ingest(longLived).outcome());
      ExpiryCleaner cleaner = new ExpiryCleaner(inv, clock);

      clock.advance(Duration.ofSeconds(300 + 3 * 3600 - 1)); // expired, still within grace
      assertEquals(0, cleaner.runOnce());
      assertEquals(
          List.of(longLived.inventoryVector()),
          unexpired(inv, 1, clock.instant().getEpochSecond(), 100));
      // Still stored: settled from the in-memory index as a duplicate, not stored again.
      assertEquals(ObjectIngest.Outcome.DUPLICATE, ingest.ingest(shortLived).outcome());
      clock.advance(Duration.ofSeconds(2));
      assertEquals(1, cleaner.runOnce());
      long cutoff = clock.instant().getEpochSecond() - ExpiryCleaner.GRACE.toSeconds();
      assertEquals(1, ingest.forgetExpiredBefore(cutoff));
      assertFalse(inv.contains(shortLived.inventoryVector()));
      assertTrue(inv.contains(longLived.inventoryVector()));
      ObjectIngest.Result late = ingest.ingest(shortLived);
      assertEquals(
          ObjectVerdict.Kind.EXPIRED, late.verdict().kind(), "expired objects are not taken again");
      assertFalse(inv.contains(shortLived.inventoryVector()));
    }
  }

  /** Every vector {@link Inventory#unexpiredVectors} pages through, in pages of {@code page}. */
  private static List<InventoryVector> unexpired(Inventory inv, long stream, long now, int page) {
    List<InventoryVector> all = new ArrayList<>();
    long after = 0;
    while (true) {
      Inventory.VectorPage p = inv.unexpiredVectors(stream, now, after, page);
      if (p.vectors().isEmpty()) {
        return all;
      }
      assertTrue(p.vectors().size() <= page, "a page holds at most its limit");
      all.addAll(p.vectors());
      after = p.next();
    }
  }
}
