package dev.bitmsg.node.messaging;

import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.wire.Bytes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * How a sent row appears to clients (the client API, the event stream): its msgid, ackData and
 * PyBitmessage status word.
 *
 * <p>A sent msgid is the outbox row number as a 32-byte big-endian hex number (a row imported from
 * PyBitmessage keeps its 16-byte msgid); ackData is the row's 38-byte ack data, or for rows that
 * expect no ack (broadcasts, own and chan recipients) 30 bytes {@code ff} followed by the row
 * number (PyBitmessage also hands out ack data for those; clients treat it as opaque). Stateless.
 */
public final class SentMessageFields {
  private static final HexFormat HEX = HexFormat.of();
  private static final int SYNTHETIC_ACK_PREFIX = 30;

  private SentMessageFields() {}

  /** The API msgid of a sent row: an imported row keeps the msgid it had. */
  public static String sentMsgid(OutboxEntry e) {
    return e.msgid().isPresent() ? e.msgid().get().toHex() : sentMsgid(e.id());
  }

  /** The API msgid of a sent row known by its id. */
  public static String sentMsgid(Outbox.RowId row) {
    return row.msgid().isPresent() ? row.msgid().get().toHex() : sentMsgid(row.id());
  }

  /** The API msgid of the sent row {@code outboxId} made here (not imported). */
  public static String sentMsgid(long outboxId) {
    return HEX.formatHex(ByteBuffer.allocate(32).putLong(24, outboxId).array());
  }

  /**
   * The outbox row a msgid made here names, if {@code msgid} has the form of one (an imported row
   * is named by the msgid it kept instead).
   */
  public static OptionalLong outboxId(byte[] msgid) {
    if (msgid.length != 32) {
      return OptionalLong.empty();
    }
    for (int i = 0; i < 24; i++) {
      if (msgid[i] != 0) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(ByteBuffer.wrap(msgid).getLong(24));
  }

  /** The outbox row of synthetic ack data (rows that expect no ack), if it has that form. */
  public static OptionalLong syntheticAckRow(Bytes ack) {
    byte[] b = ack.toByteArray();
    if (b.length != SYNTHETIC_ACK_PREFIX + 8) {
      return OptionalLong.empty();
    }
    for (int i = 0; i < SYNTHETIC_ACK_PREFIX; i++) {
      if (b[i] != (byte) 0xff) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(ByteBuffer.wrap(b).getLong(SYNTHETIC_ACK_PREFIX));
  }

  /** The API ackData of a sent row. */
  public static Bytes ackData(OutboxEntry e) {
    if (e.ackData().isPresent()) {
      return e.ackData().get();
    }
    byte[] b = new byte[SYNTHETIC_ACK_PREFIX + 8];
    Arrays.fill(b, 0, SYNTHETIC_ACK_PREFIX, (byte) 0xff);
    ByteBuffer.wrap(b).putLong(SYNTHETIC_ACK_PREFIX, e.id());
    return Bytes.of(b);
  }

  /**
   * PyBitmessage's status word, broadcasts and pubkey requests included. A row that was given up or
   * cancelled shows the word PyBitmessage leaves on such a row: {@code msgsent} or {@code
   * awaitingpubkey} when resending stopped (PyBitmessage stops resending and changes nothing), a
   * queued word when it was cancelled before it went out, {@code badkey} when it could not be made
   * at all. {@link #bitmsgStatus} tells them apart.
   */
  public static String statusWord(OutboxEntry e) {
    SendStatus s = e.status();
    if (s == SendStatus.FAILED || s == SendStatus.CANCELLED) {
      return stoppedWord(e, s);
    }
    if (e.kind() == OutboxEntry.Kind.BROADCAST) {
      return switch (s) {
        case QUEUED -> "broadcastqueued";
        case DOING_POW -> "doingbroadcastpow";
        case SENT, SENT_NO_ACK, ACK_RECEIVED -> "broadcastsent";
        default -> s.wireName();
      };
    }
    if (s == SendStatus.DOING_POW && e.detail().map("getpubkey"::equals).orElse(false)) {
      return "doingpubkeypow";
    }
    return s.wireName();
  }

  /**
   * This node's own status word, the API's {@code bitmsgStatus} field: {@code failed} for a row
   * given up, {@code cancelled} for one cancelled, else the same as {@link #statusWord}.
   */
  public static String bitmsgStatus(OutboxEntry e) {
    SendStatus s = e.status();
    return s == SendStatus.FAILED || s == SendStatus.CANCELLED ? s.wireName() : statusWord(e);
  }

  private static String stoppedWord(OutboxEntry e, SendStatus end) {
    SendStatus from =
        e.stoppedFrom().orElse(end == SendStatus.FAILED ? SendStatus.SENT : SendStatus.QUEUED);
    boolean made = from == SendStatus.SENT || from == SendStatus.SENT_NO_ACK;
    if (e.kind() == OutboxEntry.Kind.BROADCAST) {
      return made ? "broadcastsent" : "broadcastqueued";
    }
    return switch (from) {
      case SENT -> "msgsent";
      case AWAITING_PUBKEY -> "awaitingpubkey";
      case QUEUED, DOING_POW -> end == SendStatus.FAILED ? "badkey" : "msgqueued";
      default -> from.wireName();
    };
  }
}
