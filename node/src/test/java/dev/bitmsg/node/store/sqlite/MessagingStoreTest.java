package dev.bitmsg.node.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.store.StoreException;
import dev.bitmsg.node.wire.Bytes;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The messaging tables on real SQLite files: sealed keys, outbox states and history, inbox. */
class MessagingStoreTest {
  private static final int FAST_ITERATIONS = 1000; // tests only; production uses 600,000
  private final CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(3));
  private final AddressCodec codec = new AddressCodec(crypto.hashes());
  private final IdentityGenerator gen =
      new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random());

  @TempDir Path dir;

  private SqliteIdentityStore open(SqliteDatabase db, @Nullable String passphrase) {
    return SqliteIdentityStore.open(
        db,
        codec,
        crypto.keys(),
        Optional.ofNullable(passphrase).map(String::toCharArray),
        FAST_ITERATIONS);
  }

  @Test
  void plainKeysGetSealedWhenAPassphraseIsSetAndNeedItAfterwards() throws Exception {
    Path file = dir.resolve("node.db");
    Identity id = gen.random(4, 1, false, "me");
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      SqliteIdentityStore plain = open(db, null);
      assertFalse(plain.sealed());
      plain.put(id, 1);
      assertEquals(id.encryption(), plain.identities().get(0).encryption());
    }
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      SqliteIdentityStore sealed = open(db, "correct horse");
      assertTrue(sealed.sealed());
      Identity back = sealed.identities().get(0);
      assertEquals(id.signing(), back.signing());
      assertEquals(id.encryption(), back.encryption());
      byte[] stored =
          db.with(
              "raw",
              c -> {
                try (ResultSet rs =
                    c.createStatement().executeQuery("SELECT encryption_key FROM identities")) {
                  rs.next();
                  return rs.getBytes(1);
                }
              });
      assertEquals(12 + 32 + 16, stored.length, "nonce + sealed key + tag");
      assertFalse(java.util.Arrays.equals(id.encryption().privateKey().bytes(), stored));
    }
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      StoreException missing = assertThrows(StoreException.class, () -> open(db, null));
      assertTrue(
          String.valueOf(missing.getMessage()).contains("passphrase is required"),
          missing.getMessage());
      StoreException wrong = assertThrows(StoreException.class, () -> open(db, "wrong"));
      assertTrue(
          String.valueOf(wrong.getMessage()).contains("wrong key passphrase"), wrong.getMessage());
      assertArrayEquals(
          id.signing().privateKey().bytes(),
          open(db, "correct horse")
              .identity(codec.encode(id.address()))
              .orElseThrow()
              .signing()
              .privateKey()
              .bytes());
    }
  }

  @Test
  void identityLabelEnableDeleteAndSubscriptions() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("n.db"))) {
      SqliteIdentityStore s = open(db, null);
      Identity id = gen.random(3, 1, false, "one");
      String a = codec.encode(id.address());
      s.put(id, 5);
      s.put(id.withLabel("renamed").withEnabled(false), 9);
      Identity back = s.identity(a).orElseThrow();
      assertEquals("renamed", back.label());
      assertFalse(back.enabled());
      assertTrue(s.pubkeySent(a).isEmpty());
      s.markPublishPending(a);
      assertEquals(List.of(a), s.publishPending());
      s.markPubkeySent(a, 1234);
      assertEquals(1234, s.pubkeySent(a).getAsLong());
      assertTrue(s.publishPending().isEmpty(), "publishing clears the pending mark");
      assertTrue(s.delete(a));
      assertTrue(s.identities().isEmpty());
      s.subscribe(new dev.bitmsg.node.store.IdentityStore.Subscription(a, "feed", true), 1);
      assertEquals(1, s.subscriptions().size());
      assertTrue(s.unsubscribe(a));
    }
  }

  @Test
  void outboxStatusesHistoryRequeueAndAckNeverOverwritten() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("n.db"))) {
      SqliteOutbox m = new SqliteOutbox(db);
      Bytes ack = Bytes.fromHex("00000002" + "01" + "01" + "ab".repeat(32));
      long id =
          m.add(
              new OutboxEntry(
                  0,
                  OutboxEntry.Kind.MSG,
                  "BM-from",
                  Optional.of("BM-to"),
                  2,
                  Bytes.fromHex("48656c6c6f"),
                  3600,
                  Optional.of(ack),
                  SendStatus.QUEUED,
                  100,
                  100,
                  0,
                  0,
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  false,
                  Optional.empty()));
      m.setStatus(id, SendStatus.DOING_POW, 101, Optional.empty());
      m.saveSolved(id, Bytes.fromHex("0102"), "cpu");
      assertEquals(1, m.requeueInterrupted(102));
      OutboxEntry e = m.get(id).orElseThrow();
      assertEquals(SendStatus.QUEUED, e.status());
      assertEquals(
          Optional.of(Bytes.fromHex("0102")), e.solved(), "a solved object survives the requeue");
      assertEquals(Optional.of(ack), e.ackData());
      m.setStatus(id, SendStatus.ACK_RECEIVED, 103, Optional.empty());
      m.markSent(id, SendStatus.SENT, 1, 5000, 104);
      e = m.get(id).orElseThrow();
      assertEquals(SendStatus.ACK_RECEIVED, e.status(), "a late markSent does not undo the ack");
      assertTrue(e.solved().isEmpty());
      assertEquals(
          List.of(
              SendStatus.QUEUED, SendStatus.DOING_POW, SendStatus.QUEUED, SendStatus.ACK_RECEIVED),
          m.history(id).stream().map(Outbox.Change::status).toList());
      assertEquals(
          List.of(100L, 101L, 102L, 103L), m.history(id).stream().map(Outbox.Change::at).toList());
      assertEquals(1, m.withStatus(EnumSet.of(SendStatus.ACK_RECEIVED)).size());
    }
  }

  @Test
  void inboxDeduplicatesBySigHash() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("n.db"))) {
      SqliteInbox m = new SqliteInbox(db);
      InboxEntry e =
          new InboxEntry(
              0,
              OutboxEntry.Kind.MSG,
              Optional.of("BM-me"),
              "BM-you",
              2,
              Bytes.fromHex("41"),
              10,
              Bytes.fromHex("11".repeat(32)));
      assertTrue(m.add(e));
      assertFalse(m.add(e));
      assertEquals(1, m.count());
    }
  }
}
