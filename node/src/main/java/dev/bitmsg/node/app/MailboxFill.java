package dev.bitmsg.node.app;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Ripe;
import dev.bitmsg.node.content.ContentCodec;
import dev.bitmsg.node.content.MessageContent;
import dev.bitmsg.node.content.MessageEncoding;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.messaging.SentMessageFields;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqliteInbox;
import dev.bitmsg.node.store.sqlite.SqliteOutbox;
import dev.bitmsg.node.wire.Bytes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Fills a node database with a synthetic mailbox for {@code bm bench mailbox}: {@code inbox}
 * received messages (one in twenty a broadcast, the rest to one of {@link #RECIPIENTS} addresses)
 * and {@code sent} delivered ones, through the SQLite stores' own insert statements, a batch per
 * transaction: no network, no PoW, no crypto. Seeded, so two fills of one size are alike. Keeps a
 * few ids of each kind for the lookups. Not thread-safe (one use).
 */
final class MailboxFill {
  static final int RECIPIENTS = 4;
  private static final int BATCH = 5_000;
  private static final int SAMPLES = 64;
  private static final int SENDERS = 50;
  private static final int ACK_BYTES = 38;

  /** What a lookup benchmark asks for, all present in the filled database. */
  record Samples(
      List<String> recipients,
      List<Bytes> inboxIds,
      List<String> sentMsgids,
      List<String> sentAckData) {}

  private final SplittableRandom random;
  private final AddressCodec codec = new AddressCodec(BcCryptoSuite.create().hashes());
  private final ContentCodec content = new ContentCodec();
  private final int bodyBytes;
  private final List<String> recipients = new ArrayList<>();
  private final List<String> senders = new ArrayList<>();

  MailboxFill(long seed, int bodyBytes) {
    this.random = new SplittableRandom(seed);
    this.bodyBytes = bodyBytes;
    for (int i = 0; i < RECIPIENTS; i++) {
      recipients.add(randomAddress());
    }
    for (int i = 0; i < SENDERS; i++) {
      senders.add(randomAddress());
    }
  }

  /** Writes the mailbox into the database at {@code dbFile} (created and migrated if new). */
  Samples fill(Path dbFile, int inbox, int sent, long now) {
    List<Bytes> inboxIds = new ArrayList<>();
    List<String> sentMsgids = new ArrayList<>();
    List<String> acks = new ArrayList<>();
    try (SqliteDatabase db = SqliteDatabase.open(dbFile)) {
      SqliteInbox in = new SqliteInbox(db);
      for (int done = 0; done < inbox; ) {
        List<InboxEntry> batch = new ArrayList<>();
        for (int i = 0; i < BATCH && done < inbox; i++, done++) {
          InboxEntry e = inboxEntry(done, now - inbox + done);
          batch.add(e);
          keep(inboxIds, e.sigHash(), done, inbox);
        }
        in.addAll(batch);
      }
      SqliteOutbox out = new SqliteOutbox(db);
      for (int done = 0; done < sent; ) {
        List<OutboxEntry> batch = new ArrayList<>();
        for (int i = 0; i < BATCH && done < sent; i++, done++) {
          batch.add(sentEntry(done, now - sent + done));
        }
        List<Long> ids = out.addAll(batch);
        for (int i = 0; i < ids.size(); i++) {
          int n = done - ids.size() + i;
          keep(sentMsgids, SentMessageFields.sentMsgid(ids.get(i)), n, sent);
          keep(acks, batch.get(i).ackData().orElseThrow().toHex(), n, sent);
        }
      }
    }
    return new Samples(List.copyOf(recipients), inboxIds, sentMsgids, acks);
  }

  /** A new received message to {@code recipients[0]}, for the event probe. */
  InboxEntry freshMessage(long now) {
    return new InboxEntry(
        0,
        OutboxEntry.Kind.MSG,
        Optional.of(recipients.get(0)),
        senders.get(0),
        MessageEncoding.SIMPLE.code(),
        Bytes.of(content.encode(MessageEncoding.SIMPLE, text(-1))),
        now,
        randomBytes(32));
  }

  /** Keeps up to {@link #SAMPLES} items spread evenly over the {@code total}. */
  private static <T> void keep(List<T> kept, T item, int index, int total) {
    int every = Math.max(1, total / SAMPLES);
    if (index % every == 0 && kept.size() < SAMPLES) {
      kept.add(item);
    }
  }

  private InboxEntry inboxEntry(int n, long received) {
    boolean broadcast = n % 20 == 19;
    return new InboxEntry(
        0,
        broadcast ? OutboxEntry.Kind.BROADCAST : OutboxEntry.Kind.MSG,
        broadcast ? Optional.empty() : Optional.of(recipients.get(n % RECIPIENTS)),
        senders.get(n % SENDERS),
        MessageEncoding.SIMPLE.code(),
        Bytes.of(content.encode(MessageEncoding.SIMPLE, text(n))),
        received,
        randomBytes(32));
  }

  private OutboxEntry sentEntry(int n, long at) {
    return new OutboxEntry(
        0,
        OutboxEntry.Kind.MSG,
        recipients.get(n % RECIPIENTS),
        Optional.of(senders.get(n % SENDERS)),
        MessageEncoding.SIMPLE.code(),
        Bytes.of(content.encode(MessageEncoding.SIMPLE, text(n))),
        4 * 24 * 3600,
        Optional.of(randomBytes(ACK_BYTES)),
        SendStatus.ACK_RECEIVED,
        at,
        at,
        0,
        0,
        Optional.of("cpu"),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty());
  }

  private MessageContent text(int n) {
    StringBuilder body = new StringBuilder(bodyBytes);
    while (body.length() < bodyBytes) {
      body.append("line ").append(body.length()).append(" of message ").append(n).append('\n');
    }
    body.setLength(bodyBytes);
    return new MessageContent("bench message " + n, body.toString());
  }

  private String randomAddress() {
    byte[] ripe = new byte[Ripe.LENGTH];
    random.nextBytes(ripe);
    ripe[0] = 1; // no leading zero bytes: every address has the same length
    return codec.encode(new BitmessageAddress(4, 1, Ripe.of(ripe)));
  }

  private Bytes randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return Bytes.of(b);
  }
}
