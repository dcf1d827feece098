package dev.bitmsg.node.migrate;

import dev.bitmsg.node.content.ContentCodec;
import dev.bitmsg.node.content.MessageContent;
import dev.bitmsg.node.content.MessageEncoding;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The inbox and the sent folder of a messages.dat. Each message keeps its PyBitmessage msgid (and a
 * sent one its ack data, status, times and retry count), so API clients holding those ids still
 * find it; PyBitmessage's decoded subject and body are encoded again with the message's encoding.
 * Read flags and trashed inbox messages go to the client API's state, trashed sent rows stay in the
 * sent folder's trash (never sent again). Status words map as {@link SentStatuses} says. A message
 * already here (same msgid, or for the inbox the same signature hash) is left alone. Not
 * thread-safe.
 */
final class MailImport {
  static final String INBOX = "inbox";
  static final String SENT = "sent";

  private static final int SIGHASH_LENGTH = 32;
  private static final long MIN_TTL = 3600;
  private static final long MAX_TTL = 28L * 24 * 3600;

  private final ImportTargets to;
  private final ImportReport report;
  private final ContentCodec content = new ContentCodec();

  MailImport(ImportTargets to, ImportReport report) {
    this.to = to;
    this.report = report;
  }

  void run(MessagesDat dat, boolean dryRun) {
    report.expect(INBOX);
    for (MessagesDat.InboxRow row : dat.inbox()) {
      inbox(row, dryRun);
    }
    report.expect(SENT);
    for (MessagesDat.SentRow row : dat.sent()) {
      sent(row, dryRun);
    }
  }

  private void inbox(MessagesDat.InboxRow row, boolean dryRun) {
    if (row.msgid().length() == 0) {
      report.skipped(INBOX, "a message from " + row.from() + ": no msgid");
      return;
    }
    Optional<Bytes> message = encode(row.encoding(), row.subject(), row.body());
    if (message.isEmpty()) {
      report.skipped(
          INBOX, row.msgid().toHex() + ": message encoding " + row.encoding() + " unknown");
      return;
    }
    Bytes sigHash =
        row.sigHash().length() == SIGHASH_LENGTH ? row.sigHash() : standInSigHash(row.msgid());
    if (to.messages().hasReceived(row.msgid(), sigHash)) {
      report.present(INBOX);
      marks(row, dryRun); // again: a run cut short may have stored the message without them
      return;
    }
    boolean broadcast = row.to().equals(MessagesDat.BROADCAST_TO);
    InboxEntry e =
        new InboxEntry(
            0,
            broadcast ? OutboxEntry.Kind.BROADCAST : OutboxEntry.Kind.MSG,
            broadcast ? Optional.empty() : Optional.of(row.to()),
            row.from(),
            row.encoding(),
            message.get(),
            row.received(),
            sigHash,
            Optional.of(row.msgid()));
    if (!dryRun) {
      to.messages().addReceived(e);
    }
    marks(row, dryRun);
    report.added(INBOX);
  }

  /** PyBitmessage's read flag and trash folder, kept by the client API's state. */
  private void marks(MessagesDat.InboxRow row, boolean dryRun) {
    if (dryRun) {
      return;
    }
    String id = row.msgid().toHex();
    if (row.read()) {
      to.clientState().markRead(id, true);
    }
    if (row.folder().equals("trash")) {
      to.clientState().trashInbox(id);
    }
  }

  private void sent(MessagesDat.SentRow row, boolean dryRun) {
    if (row.msgid().length() == 0) {
      report.skipped(SENT, "a message to " + row.to() + ": no msgid");
      return;
    }
    String id = row.msgid().toHex();
    Optional<SentStatuses.Mapped> status = SentStatuses.map(row.status());
    if (status.isEmpty()) {
      report.skipped(SENT, id + ": status '" + row.status() + "' unknown");
      return;
    }
    Optional<Bytes> message = encode(row.encoding(), row.subject(), row.body());
    if (message.isEmpty()) {
      report.skipped(SENT, id + ": message encoding " + row.encoding() + " unknown");
      return;
    }
    if (to.messages().hasSent(row.msgid())) {
      report.present(SENT);
      return;
    }
    boolean broadcast = row.to().equals(MessagesDat.BROADCAST_TO);
    OutboxEntry e =
        new OutboxEntry(
            0,
            broadcast ? OutboxEntry.Kind.BROADCAST : OutboxEntry.Kind.MSG,
            row.from(),
            broadcast ? Optional.empty() : Optional.of(row.to()),
            row.encoding(),
            message.get(),
            Math.max(MIN_TTL, Math.min(MAX_TTL, row.ttl())),
            row.ackData().length() == 0 ? Optional.empty() : Optional.of(row.ackData()),
            status.get().status(),
            row.lastActionTime(),
            row.sentTime(),
            Math.max(0, row.retryNumber()),
            row.sleepTill(),
            Optional.empty(),
            Optional.empty(),
            status.get().detail(),
            row.folder().equals("trash"),
            status.get().stoppedFrom(),
            Optional.of(row.msgid()));
    if (!dryRun) {
      to.messages().addSent(e);
    }
    report.added(SENT);
  }

  private Optional<Bytes> encode(long encoding, String subject, String body) {
    Optional<MessageEncoding> e = MessageEncoding.of(encoding);
    if (e.isEmpty() || e.get() == MessageEncoding.IGNORE) {
      return Optional.empty();
    }
    return Optional.of(Bytes.of(content.encode(e.get(), new MessageContent(subject, body))));
  }

  /**
   * Rows older than PyBitmessage's schema version 9 carry no signature hash; a stand-in derived
   * from the msgid keeps the column unique without matching any real one.
   */
  private static Bytes standInSigHash(Bytes msgid) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-512");
      d.update("pybitmessage import".getBytes(StandardCharsets.US_ASCII));
      return Bytes.of(Arrays.copyOf(d.digest(msgid.toByteArray()), SIGHASH_LENGTH));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is part of every JDK", e);
    }
  }

  /** The status of a sent row here for PyBitmessage's status word. Stateless. */
  static final class SentStatuses {
    /** Our status and the detail that says where it came from. Immutable. */
    record Mapped(SendStatus status, Optional<String> detail, Optional<SendStatus> stoppedFrom) {
      Mapped(SendStatus status) {
        this(status, Optional.empty(), Optional.empty());
      }
    }

    private SentStatuses() {}

    /**
     * PyBitmessage's word to ours: the queued and PoW words queue the row again (PyBitmessage also
     * requeues rows caught in PoW at start); {@code awaitingpubkey} waits for the key (a getpubkey
     * goes out when its sleep time passes); {@code msgsent} waits for the ack with the same ack
     * data; {@code forcepow} (the user accepted a too-high difficulty) is queued again and meets
     * this node's own difficulty limit; {@code badkey} is failed.
     */
    static Optional<Mapped> map(String word) {
      return Optional.ofNullable(
          switch (word) {
            case "msgqueued",
                "broadcastqueued",
                "doingmsgpow",
                "doingbroadcastpow",
                "doingpubkeypow" ->
                new Mapped(SendStatus.QUEUED);
            case "forcepow" ->
                new Mapped(
                    SendStatus.QUEUED,
                    Optional.of("pybitmessage status forcepow"),
                    Optional.empty());
            case "awaitingpubkey" -> new Mapped(SendStatus.AWAITING_PUBKEY);
            case "msgsent" -> new Mapped(SendStatus.SENT);
            case "msgsentnoackexpected", "broadcastsent" -> new Mapped(SendStatus.SENT_NO_ACK);
            case "ackreceived" -> new Mapped(SendStatus.ACK_RECEIVED);
            case "toodifficult" -> new Mapped(SendStatus.TOO_DIFFICULT);
            // Failed before it was made: the client API shows it as badkey again.
            case "badkey" ->
                new Mapped(
                    SendStatus.FAILED,
                    Optional.of("pybitmessage status badkey"),
                    Optional.of(SendStatus.QUEUED));
            default -> null;
          });
    }
  }
}
