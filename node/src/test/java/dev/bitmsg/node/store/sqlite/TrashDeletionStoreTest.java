package dev.bitmsg.node.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.wire.Bytes;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What deleteAndVacuum uses, on real SQLite files: deleting mail, forgetting marks, VACUUM. */
class TrashDeletionStoreTest {
  @TempDir Path dir;

  private static OutboxEntry row() {
    return new OutboxEntry(
        0,
        OutboxEntry.Kind.MSG,
        "BM-from",
        Optional.of("BM-to"),
        2,
        Bytes.fromHex("48656c6c6f"),
        3600,
        Optional.empty(),
        SendStatus.QUEUED,
        100,
        100,
        0,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static InboxEntry received(String sigHashByte, int size) {
    return new InboxEntry(
        0,
        OutboxEntry.Kind.MSG,
        Optional.of("BM-me"),
        "BM-you",
        2,
        Bytes.of(new byte[size]),
        10,
        Bytes.fromHex(sigHashByte.repeat(32)));
  }

  @Test
  void deleteFinished_deletesOnlyRowsNoWorkWillTouchAgain_withTheirHistory() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("n.db"))) {
      SqliteOutbox m = new SqliteOutbox(db);
      long acked = m.add(row());
      m.setStatus(acked, SendStatus.ACK_RECEIVED, 101, Optional.empty());
      long failed = m.add(row());
      m.setStatus(failed, SendStatus.FAILED, 101, Optional.empty());
      long waiting = m.add(row());
      m.setStatus(waiting, SendStatus.SENT, 101, Optional.empty());
      long queued = m.add(row());

      assertEquals(
          Set.of(acked, failed), m.deleteFinished(List.of(acked, failed, waiting, queued, 999L)));
      assertEquals(List.of(waiting, queued), m.all().stream().map(OutboxEntry::id).toList());
      assertTrue(m.history(acked).isEmpty(), "history goes with the row");
      assertEquals(2, m.history(waiting).size());
    }
  }

  @Test
  void inboxDeleteAndVacuum_giveTheSpaceBack() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("n.db"))) {
      SqliteInbox m = new SqliteInbox(db);
      m.add(received("11", 1 << 20));
      m.add(received("22", 1 << 20));
      m.add(received("33", 10));
      assertEquals(
          2,
          m.delete(
              List.of(
                  Bytes.fromHex("11".repeat(32)),
                  Bytes.fromHex("22".repeat(32)),
                  Bytes.fromHex("44".repeat(32)))));
      assertEquals(
          List.of(Bytes.fromHex("33".repeat(32))),
          m.received().stream().map(InboxEntry::sigHash).toList());
      assertTrue(
          Long.parseLong(db.pragma("freelist_count")) > 400, "2 MiB of free pages before VACUUM");
      db.vacuum();
      assertEquals("0", db.pragma("freelist_count"));
      assertEquals(List.of("ok"), db.integrityCheck());
      assertEquals(1, m.count());
    }
  }

  @Test
  void clientStateForgetsMarksAndVacuums() {
    try (SqliteClientState s = SqliteClientState.open(dir.resolve("api.db"))) {
      s.trashInbox("aa");
      s.trashInbox("bb");
      s.markRead("cc", true);
      s.trashSent(1);
      s.trashSent(2);
      s.forget(List.of("aa"), List.of(2L));
      assertEquals(Set.of("bb"), s.trashedInbox());
      assertEquals(Set.of(1L), s.trashedSent());
      assertEquals(Set.of("cc"), s.readInbox());
      s.vacuum();
      assertEquals(Set.of("bb"), s.trashedInbox());
    }
  }
}
