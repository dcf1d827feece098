package dev.bitmsg.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.messaging.SentMessageFields;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqliteInbox;
import dev.bitmsg.node.store.sqlite.SqliteMessageImport;
import dev.bitmsg.node.store.sqlite.SqliteOutbox;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.Bytes;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's listings and lookups on a mailbox of thousands of messages, filled through the SQLite
 * stores beside a running node: every id listed once and in order, lookups by msgid and ackData
 * (stored and synthetic), messages imported from PyBitmessage named by the msgids they kept, the
 * recipient filter, and trashed messages gone from the listings but found by the lookups (as in
 * PyBitmessage).
 */
class MailboxListingTest {
  private static final int INBOX = 3_000;
  private static final int SENT = 400;

  /** Every SENT_BY_OTHER-th sent message (from the second on) is from another identity. */
  private static final int SENT_BY_OTHER = 5;

  private static final String OTHER_SENDER = "BM-2cWzSnwjJ7yRP3nLEWUV5LisTZyREWSzUK";

  @TempDir Path dir;

  @Test
  void listsEveryIdAndFindsEachKindOfId() throws Exception {
    Path data = dir.resolve("n");
    try (Node node =
        NodeAssembly.start(
            TestNetwork.setup(data, TestNetwork.CLIENT_ONLY, List.of())
                .withApi(
                    new ApiSettings("127.0.0.1", 0, "u", "pw", ApiSettings.Variant.XML, false)))) {
      String me = node.messenger().text(node.messenger().createRandom("me"));
      List<String> inboxIds = new ArrayList<>();
      List<Long> sentRows = new ArrayList<>();
      int toMe = fill(data.resolve("node.db"), me, inboxIds, sentRows);
      Imported imported = importOne(data.resolve("node.db"), me);
      inboxIds.add(imported.inboxMsgid().toHex());
      ApiClient api =
          new ApiClient(
              URI.create("http://127.0.0.1:" + node.apiAddress().orElseThrow().getPort() + "/"),
              "u",
              "pw",
              ApiSettings.Variant.XML);

      assertEquals(inboxIds, ids(call(api, "getAllInboxMessageIds"), "inboxMessageIds"));
      // PyBitmessage's order: by last action time, then (ties) as stored.
      List<String> sentIds = new ArrayList<>();
      List<String> actedLater = new ArrayList<>();
      for (int i = 0; i < SENT; i++) {
        (actedLater(i) ? actedLater : sentIds).add(SentMessageFields.sentMsgid(sentRows.get(i)));
      }
      sentIds.add(imported.sentMsgid().toHex());
      sentIds.addAll(actedLater);
      assertEquals(sentIds, ids(call(api, "getAllSentMessageIds"), "sentMessageIds"));
      assertEquals(sentIds, msgids(call(api, "getAllSentMessages")));
      assertEquals(
          toMe + 1, list(call(api, "getInboxMessagesByReceiver", me), "inboxMessages").size());
      List<?> all = list(call(api, "getAllInboxMessages"), "inboxMessages");
      assertEquals(INBOX + 1, all.size());
      assertEquals("subject 17", ApiClient.unb64(((Map<?, ?>) all.get(17)).get("subject")));
      assertEquals(SENT + 1, list(call(api, "getAllSentMessages"), "sentMessages").size());
      int byOther = SENT / SENT_BY_OTHER;
      List<String> fromMe = new ArrayList<>(sentIds);
      for (int i = 1; i < SENT; i += SENT_BY_OTHER) {
        fromMe.remove(SentMessageFields.sentMsgid(sentRows.get(i)));
      }
      assertEquals(fromMe, msgids(call(api, "getSentMessagesByAddress", me)));
      assertEquals(byOther, msgids(call(api, "getSentMessagesBySender", OTHER_SENDER)).size());
      assertTrue(msgids(call(api, "getSentMessagesByAddress", "BM-nobody")).isEmpty());

      // Imported messages answer to the msgids they kept, not to the ids made here.
      String inboxMsgid = imported.inboxMsgid().toHex();
      assertEquals(
          inboxMsgid,
          only(call(api, "getInboxMessageById", inboxMsgid), "inboxMessage").get("msgid"));
      assertTrue(
          list(call(api, "getInboxMessageById", imported.sigHash().toHex()), "inboxMessage")
              .isEmpty());
      String sentMsgid = imported.sentMsgid().toHex();
      assertEquals(
          sentMsgid, only(call(api, "getSentMessageById", sentMsgid), "sentMessage").get("msgid"));
      assertTrue(
          list(
                  call(api, "getSentMessageById", SentMessageFields.sentMsgid(imported.sentRow())),
                  "sentMessage")
              .isEmpty());

      // Lookup by msgid, setting the read mark.
      String some = inboxIds.get(1234);
      Map<?, ?> m = only(call(api, "getInboxMessageById", some, true), "inboxMessage");
      assertEquals(some, m.get("msgid"));
      assertEquals("subject 1234", ApiClient.unb64(m.get("subject")));
      assertEquals(1L, ((Number) Objects.requireNonNull(m.get("read"))).longValue());

      // Sent lookups: by msgid, by stored ack data, by the synthetic ack data of a broadcast.
      long row = sentRows.get(7);
      Map<?, ?> s =
          only(call(api, "getSentMessageById", SentMessageFields.sentMsgid(row)), "sentMessage");
      String ack = text(s, "ackData");
      assertEquals(ackHex(7), ack);
      assertEquals("ackreceived", call(api, "getStatus", ack));
      assertEquals(
          SentMessageFields.sentMsgid(row),
          only(call(api, "getSentMessageByAckData", ack), "sentMessage").get("msgid"));
      long broadcastRow = sentRows.get(SENT - 1);
      String synthetic =
          text(
              only(
                  call(api, "getSentMessageById", SentMessageFields.sentMsgid(broadcastRow)),
                  "sentMessage"),
              "ackData");
      assertEquals("broadcastsent", call(api, "getStatus", synthetic));
      assertEquals("notfound", call(api, "getStatus", ackHex(SENT + 5)));

      // Trashed messages leave the listings; the lookups still find them, as in PyBitmessage.
      call(api, "trashInboxMessage", some);
      List<String> left = ids(call(api, "getAllInboxMessageIds"), "inboxMessageIds");
      assertEquals(INBOX, left.size());
      assertFalse(left.contains(some));
      assertEquals(some, only(call(api, "getInboxMessageById", some), "inboxMessage").get("msgid"));
      call(api, "trashSentMessage", SentMessageFields.sentMsgid(row));
      List<String> sentLeft = ids(call(api, "getAllSentMessageIds"), "sentMessageIds");
      assertEquals(SENT, sentLeft.size());
      assertFalse(sentLeft.contains(SentMessageFields.sentMsgid(row)));
      assertEquals(SENT, list(call(api, "getAllSentMessages"), "sentMessages").size());
      assertEquals(
          fromMe.size() - 1, msgids(call(api, "getSentMessagesByAddress", me)).size(), "trashed");
      assertEquals("ackreceived", call(api, "getStatus", ack));
    }
  }

  /** Whether sent message {@code i} had its last action after the others (and the import). */
  private static boolean actedLater(int i) {
    return i % 50 == 10;
  }

  /** The msgids of a {@code sentMessages} answer, in order. */
  private static List<String> msgids(Object answer) {
    List<String> out = new ArrayList<>();
    for (Object m : list(answer, "sentMessages")) {
      out.add(String.valueOf(((Map<?, ?>) m).get("msgid")));
    }
    return out;
  }

  /**
   * Writes the mailbox beside the running node (a second connection, as an import would); returns
   * how many inbox messages are to {@code me}.
   */
  private static int fill(Path dbFile, String me, List<String> inboxIds, List<Long> sentRows) {
    int toMe = 0;
    try (SqliteDatabase db = SqliteDatabase.open(dbFile)) {
      List<InboxEntry> in = new ArrayList<>();
      for (int i = 0; i < INBOX; i++) {
        Bytes sigHash = Bytes.of(ByteBuffer.allocate(32).putInt(0, 0x5eed).putInt(28, i).array());
        boolean mine = i % 3 == 0;
        toMe += mine ? 1 : 0;
        in.add(
            new InboxEntry(
                0,
                OutboxEntry.Kind.MSG,
                Optional.of(mine ? me : "BM-other"),
                "BM-sender",
                2,
                Bytes.of(("Subject:subject " + i + "\nBody:body").getBytes(StandardCharsets.UTF_8)),
                1_700_000_000L + i,
                sigHash));
        inboxIds.add(sigHash.toHex());
      }
      assertEquals(INBOX, new SqliteInbox(db).addAll(in));
      List<OutboxEntry> out = new ArrayList<>();
      for (int i = 0; i < SENT; i++) {
        boolean broadcast = i == SENT - 1;
        out.add(
            new OutboxEntry(
                0,
                broadcast ? OutboxEntry.Kind.BROADCAST : OutboxEntry.Kind.MSG,
                i % SENT_BY_OTHER == 1 ? OTHER_SENDER : me,
                broadcast ? Optional.empty() : Optional.of("BM-other"),
                2,
                Bytes.of("Subject:s\nBody:b".getBytes(StandardCharsets.UTF_8)),
                3600,
                broadcast ? Optional.empty() : Optional.of(Bytes.fromHex(ackHex(i))),
                broadcast ? SendStatus.SENT_NO_ACK : SendStatus.ACK_RECEIVED,
                1_700_000_000L,
                1_700_000_000L + (actedLater(i) ? 500 : 0), // stored as its last action time
                0,
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty()));
      }
      sentRows.addAll(new SqliteOutbox(db).addAll(out));
    }
    return toMe;
  }

  /** A received and a sent message imported from PyBitmessage, with the msgids they kept. */
  private record Imported(Bytes inboxMsgid, Bytes sigHash, Bytes sentMsgid, long sentRow) {}

  private static Imported importOne(Path dbFile, String me) {
    Bytes inboxMsgid = Bytes.of(ByteBuffer.allocate(32).putInt(0, 0x1a9).putInt(28, 1).array());
    Bytes sigHash = Bytes.of(ByteBuffer.allocate(32).putInt(0, 0x1a9).putInt(28, 2).array());
    Bytes sentMsgid = Bytes.of(ByteBuffer.allocate(16).putInt(0, 0x1a9).putInt(12, 3).array());
    try (SqliteDatabase db = SqliteDatabase.open(dbFile)) {
      SqliteMessageImport in = new SqliteMessageImport(db);
      assertTrue(
          in.addReceived(
              new InboxEntry(
                  0,
                  OutboxEntry.Kind.MSG,
                  Optional.of(me),
                  "BM-sender",
                  2,
                  Bytes.of("Subject:imported\nBody:b".getBytes(StandardCharsets.UTF_8)),
                  1_700_000_000L,
                  sigHash,
                  Optional.of(inboxMsgid))));
      long row =
          in.addSent(
                  new OutboxEntry(
                      0,
                      OutboxEntry.Kind.MSG,
                      me,
                      Optional.of("BM-other"),
                      2,
                      Bytes.of("Subject:s\nBody:b".getBytes(StandardCharsets.UTF_8)),
                      3600,
                      Optional.of(Bytes.fromHex(ackHex(SENT + 100))),
                      SendStatus.ACK_RECEIVED,
                      1_700_000_000L,
                      1_700_000_000L,
                      0,
                      0,
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      false,
                      Optional.empty(),
                      Optional.of(sentMsgid)))
              .orElseThrow();
      return new Imported(inboxMsgid, sigHash, sentMsgid, row);
    }
  }

  private static Object call(ApiClient api, String method, Object... params) {
    return Objects.requireNonNull(api.call(method, params), method);
  }

  private static String text(Map<?, ?> m, String key) {
    return (String) Objects.requireNonNull(m.get(key), key);
  }

  private static String ackHex(int i) {
    return Bytes.of(ByteBuffer.allocate(38).putInt(0, 0xac4).putInt(34, i).array()).toHex();
  }

  private static List<?> list(Object answer, String key) {
    return (List<?>) Objects.requireNonNull(((Map<?, ?>) answer).get(key), key);
  }

  private static Map<?, ?> only(Object answer, String key) {
    List<?> l = list(answer, key);
    assertEquals(1, l.size(), key + ": " + answer);
    return (Map<?, ?>) l.get(0);
  }

  private static List<String> ids(Object answer, String key) {
    return list(answer, key).stream().map(o -> text((Map<?, ?>) o, "msgid")).toList();
  }
}
