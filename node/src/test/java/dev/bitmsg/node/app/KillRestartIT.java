package dev.bitmsg.node.app;

import static dev.bitmsg.node.testing.ReadOnlyQuery.firstValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqliteInventory;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.ChildJvm;
import dev.bitmsg.node.testing.EasedNodeMain;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.TestNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real child JVM runs {@code bm node}, syncing a large inventory from an in-process node over
 * loopback; it is killed with {@code destroyForcibly} (SIGKILL) mid-ingest. The database must pass
 * {@code integrity_check} with the objects committed before the kill, and a restarted child must
 * resume and complete the sync, then stop cleanly on SIGTERM.
 */
@NetworkTest
class KillRestartIT {
  private static final Logger log = LoggerFactory.getLogger(KillRestartIT.class);
  private static final int OBJECTS = 5_000;
  private static final Duration LIMIT = Duration.ofSeconds(90);

  @TempDir Path tmp;

  @Test
  void killedMidIngest_databaseIntactAndRestartResumes() throws Exception {
    try (Node source =
        TestNetwork.start(
            tmp.resolve("source"), 0, List.of(), TestNetwork.settings(), Clock.systemUTC())) {
      ObjectMaker maker = TestNetwork.maker(11);
      long now = Clock.systemUTC().instant().getEpochSecond();
      List<InventoryItem> batch = new ArrayList<>();
      for (int i = 0; i < OBJECTS; i++) {
        batch.add(InventoryItem.of(maker.make(now, 7200, 64)));
        if (batch.size() == 1000) {
          source.inventory().addAll(batch);
          batch.clear();
        }
      }
      assertEquals(OBJECTS, source.inventory().count());

      Path childDir = tmp.resolve("child");
      Path db = childDir.resolve("node.db");
      String peer = TestNetwork.endpoint(source).toString();

      Process first = startChild(childDir, peer, tmp.resolve("child1.log"));
      try {
        Await.until(LIMIT, "child stored some objects", () -> count(db) >= 500);
      } finally {
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      }
      long atKill;
      try (SqliteDatabase d = SqliteDatabase.open(db);
          SqliteInventory inv = new SqliteInventory(d, false)) {
        assertEquals(List.of("ok"), d.integrityCheck());
        atKill = inv.count();
      }
      log.info("child killed with {} of {} objects stored", atKill, OBJECTS);
      assertTrue(atKill >= 500, "objects committed before the kill survive: " + atKill);
      assertTrue(atKill < OBJECTS, "killed mid-ingest, not after: " + atKill);

      Process second = startChild(childDir, peer, tmp.resolve("child2.log"));
      try {
        Await.until(
            LIMIT,
            () -> "restarted child completes the sync, has " + count(db),
            () -> count(db) == OBJECTS);
      } finally {
        second.destroy(); // SIGTERM: clean shutdown through the shutdown hook
        if (!second.waitFor(30, TimeUnit.SECONDS)) {
          second.destroyForcibly();
        }
      }
      try (SqliteDatabase d = SqliteDatabase.open(db);
          SqliteInventory inv = new SqliteInventory(d, false)) {
        assertEquals(List.of("ok"), d.integrityCheck());
        assertEquals(OBJECTS, inv.count());
      }
      assertTrue(
          Files.readString(tmp.resolve("child2.log")).contains("node stopped"),
          "SIGTERM ran the clean shutdown");
    }
  }

  private static Process startChild(Path dir, String peer, Path logFile) throws Exception {
    List<String> cmd =
        ChildJvm.command(
            EasedNodeMain.class,
            "node",
            "--data",
            dir.toString(),
            "--client-only",
            "--connect",
            peer,
            "--no-bootstrap",
            "--accept-local-addrs");
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile())
        .start();
  }

  /** Objects in the child's database, read through a separate read-only connection (WAL). */
  private static long count(Path db) {
    Object n = firstValue(db, "SELECT count(*) FROM inventory");
    return n == null ? 0 : ((Number) n).longValue(); // 0: not created or migrated yet
  }
}
