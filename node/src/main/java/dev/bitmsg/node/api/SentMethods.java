package dev.bitmsg.node.api;

import static dev.bitmsg.node.api.AddressArguments.normal;
import static dev.bitmsg.node.api.ApiMethods.BROADCAST_TO;
import static dev.bitmsg.node.api.ApiMethods.b64;
import static dev.bitmsg.node.api.ApiMethods.ordered;
import static dev.bitmsg.node.api.ApiMethods.putProgress;
import static dev.bitmsg.node.messaging.SentMessageFields.ackData;
import static dev.bitmsg.node.messaging.SentMessageFields.bitmsgStatus;
import static dev.bitmsg.node.messaging.SentMessageFields.sentMsgid;
import static dev.bitmsg.node.messaging.SentMessageFields.statusWord;

import dev.bitmsg.node.content.ContentCodec;
import dev.bitmsg.node.content.MessageContent;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.messaging.SentMessageFields;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.wire.Bytes;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API calls on sent messages, with PyBitmessage's folders: the listings show the sent folder,
 * the lookups by msgid or ackData and {@code getStatus} find trashed rows too; trashing moves a row
 * to the trash, which stops its sending ({@link Messenger#trash}). Also the extensions {@code
 * getSendProgress} (live PoW progress) and {@code cancelSending}. Identifiers and status words:
 * {@link SentMessageFields}; every row also carries this node's own status word as {@code
 * bitmsgStatus}. Thread-safe (the messaging facade is).
 */
final class SentMethods {
  private static final HexFormat HEX = HexFormat.of();

  private final Messenger messenger;
  private final ContentCodec messageCodec = new ContentCodec();

  SentMethods(Messenger messenger) {
    this.messenger = messenger;
  }

  Object getAllSentMessages(Params p) {
    return Map.of("sentMessages", sentFolder().stream().map(this::sentJson).toList());
  }

  Object getAllSentMessageIds(Params p) {
    return Map.of(
        "sentMessageIds", sentFolder().stream().map(e -> Map.of("msgid", sentMsgid(e))).toList());
  }

  Object getSentMessageById(Params p) {
    return found("sentMessage", byMsgid(p.hex(0)));
  }

  Object getSentMessagesByAddress(Params p) {
    String from = normal(p.string(0));
    return Map.of(
        "sentMessages",
        sentFolder().stream().filter(e -> e.from().equals(from)).map(this::sentJson).toList());
  }

  Object getSentMessageByAckData(Params p) {
    return found("sentMessage", byAck(ackBytes(p.string(0))));
  }

  Object getStatus(Params p) {
    return byAck(ackBytes(p.string(0))).map(SentMessageFields::statusWord).orElse("notfound");
  }

  /**
   * Extension (not in PyBitmessage): live proof-of-work progress of a sent message for progress
   * bars.
   */
  Object getSendProgress(Params p) {
    OutboxEntry e =
        byAck(ackBytes(p.string(0)))
            .orElseThrow(
                () ->
                    new ApiError(21, "Unexpected API Failure - no sent message with this ackData"));
    Optional<Messenger.Progress> pr = messenger.status(e.id()).flatMap(Messenger.Status::progress);
    Map<String, Object> m = ordered("status", statusWord(e), "bitmsgStatus", bitmsgStatus(e));
    pr.ifPresent(x -> putProgress(m, x));
    e.powBy().ifPresent(b -> m.put("powBy", b));
    return m;
  }

  /**
   * Extension (not in PyBitmessage): stops sending the message with this ackData for good; answers
   * its {@code bitmsgStatus} afterwards ({@code cancelled}, or the final word it had already
   * reached), {@code notfound} when there is none.
   */
  Object cancelSending(Params p) {
    return byAck(ackBytes(p.string(0)))
        .flatMap(e -> messenger.cancel(e.id()))
        .map(SentMessageFields::bitmsgStatus)
        .orElse("notfound");
  }

  /** Trashes the sent message and the inbox message with this msgid (PyBitmessage tries both). */
  Object trashMessage(Params p, InboxMethods inbox) {
    byMsgid(p.hex(0)).ifPresent(e -> messenger.trash(e.id(), true));
    inbox.trash(p.hex(0));
    return "Trashed message (assuming message existed).";
  }

  Object trashSentMessage(Params p) {
    byMsgid(p.hex(0)).ifPresent(e -> messenger.trash(e.id(), true));
    return "Trashed sent message (assuming message existed).";
  }

  Object trashSentMessageByAckData(Params p) {
    byAck(ackBytes(p.string(0))).ifPresent(e -> messenger.trash(e.id(), true));
    return "Trashed sent message (assuming message existed).";
  }

  private Object found(String key, Optional<OutboxEntry> e) {
    return e.<Object>map(x -> Map.of(key, List.of(sentJson(x))))
        .orElse(new Absent(Map.of(key, List.of())));
  }

  /** PyBitmessage's {@code folder='sent'}: the rows not trashed. */
  private List<OutboxEntry> sentFolder() {
    return messenger.outbox().stream().filter(e -> !e.trashed()).toList();
  }

  private Optional<OutboxEntry> byMsgid(byte[] id) {
    String hex = HEX.formatHex(id);
    return messenger.outbox().stream().filter(e -> sentMsgid(e).equals(hex)).findFirst();
  }

  private Optional<OutboxEntry> byAck(Bytes ack) {
    return messenger.outbox().stream().filter(e -> ackData(e).equals(ack)).findFirst();
  }

  private static Bytes ackBytes(String hex) {
    String h = hex.strip();
    if (h.length() < 76) {
      throw new ApiError(15, "Invalid ackData object size.");
    }
    try {
      return Bytes.of(HEX.parseHex(h));
    } catch (IllegalArgumentException e) {
      throw ApiError.decode("ackData is not hex: " + e.getMessage());
    }
  }

  private Map<String, Object> sentJson(OutboxEntry e) {
    MessageContent c = messageCodec.decode(e.encoding(), e.message().toByteArray());
    Map<String, Object> m =
        ordered(
            "msgid",
            sentMsgid(e),
            "toAddress",
            e.to().orElse(BROADCAST_TO),
            "fromAddress",
            e.from(),
            "subject",
            b64(c.subject()),
            "message",
            b64(c.body()),
            "encodingType",
            e.encoding(),
            "lastActionTime",
            e.statusTime(),
            "status",
            statusWord(e));
    m.put("ackData", ackData(e).toHex());
    m.put("bitmsgStatus", bitmsgStatus(e));
    return m;
  }
}
