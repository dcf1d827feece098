package dev.bitmsg.node.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.Outbox;
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
        Optional.empty(),
        false,
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
  void deleteTrashed_deletesTrashedRowsWithTheirHistory_butNotOneWhosePowIsWindingDown() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("n.db"))) {
      SqliteOutbox m = new SqliteOutbox(db);
      long acked = m.add(row());
      m.setStatus(acked, SendStatus.ACK_RECEIVED, 101, Optional.empty());
      long waiting = m.add(row());
      m.setStatus(waiting, SendStatus.SENT, 101, Optional.empty());
      long working = m.add(row());
      m.setStatus(working, SendStatus.DOING_POW, 101, Optional.empty());
      long kept = m.add(row());
      for (long id : List.of(acked, waiting, working)) {
        assertTrue(m.setTrashed(id, true));
      }
      assertFalse(m.setTrashed(999, true));

      assertEquals(Set.of(acked, waiting), m.deleteTrashed());
      assertEquals(List.of(working, kept), m.all().stream().map(OutboxEntry::id).toList());
      assertTrue(m.history(acked).isEmpty(), "history goes with the row");
      assertEquals(
          List.of(kept),
          m.toSend(Set.of(SendStatus.QUEUED, SendStatus.DOING_POW)).stream()
              .map(OutboxEntry::id)
              .toList());
    }
  }

  @Test
  void stop_endsOnlyUnfinishedRows_andRemembersWhereTheyStopped() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("n.db"))) {
      SqliteOutbox m = new SqliteOutbox(db);
      long sent = m.add(row());
      m.setStatus(sent, SendStatus.SENT, 101, Optional.empty());
      long acked = m.add(row());
      m.setStatus(acked, SendStatus.ACK_RECEIVED, 101, Optional.empty());

      assertTrue(m.stop(sent, SendStatus.FAILED, 102, "no answer"));
      assertFalse(m.stop(acked, SendStatus.CANCELLED, 102, "too late"));
      assertFalse(m.stop(sent, SendStatus.CANCELLED, 103, "again"));
      OutboxEntry s = m.get(sent).orElseThrow();
      assertEquals(SendStatus.FAILED, s.status());
      assertEquals(Optional.of(SendStatus.SENT), s.stoppedFrom());
      assertEquals(Optional.of("no answer"), s.detail());
      assertEquals(Optional.empty(), m.get(acked).orElseThrow().stoppedFrom());

      // A stopped row stays stopped: a sender that read it before cannot requeue or finish it.
      m.setStatus(sent, SendStatus.QUEUED, 104, Optional.empty());
      m.markSent(sent, SendStatus.SENT, 2, 0, 104);
      assertEquals(SendStatus.FAILED, m.get(sent).orElseThrow().status());
      assertEquals(
          List.of(SendStatus.QUEUED, SendStatus.SENT, SendStatus.FAILED),
          m.history(sent).stream().map(Outbox.Change::status).toList());
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
      s.trashInbox("dd");
      s.untrashInbox("dd");
      s.markRead("cc", true);
      s.forget(List.of("aa"));
      assertEquals(Set.of("bb"), s.trashedInbox());
      assertEquals(Set.of("cc"), s.readInbox());
      assertEquals(Set.of(), s.oldSentTrash());
      s.vacuum();
      assertEquals(Set.of("bb"), s.trashedInbox());
    }
  }
}
