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
import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.wire.Bytes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The API calls on sent messages, with PyBitmessage's folders: the listings show the sent folder,
 * the lookups by msgid or ackData and {@code getStatus} find trashed rows too; trashing moves a row
 * to the trash, which stops its sending ({@link Messenger#trash}). Also the extensions {@code
 * getSendProgress} (live PoW progress) and {@code cancelSending}. Identifiers and status words:
 * {@link SentMessageFields}; every row also carries this node's own status word as {@code
 * bitmsgStatus}.
 *
 * <p>Cost: the id listing reads the ids alone; a msgid names its row (or is an imported one, which
 * is indexed) and ack data is indexed, so lookups (getStatus is polled by clients) read one row
 * whatever the size of the sent folder; the listing by sender reads that sender's rows through an
 * index. Thread-safe (the messaging facade is).
 */
final class SentMethods {
  private static final HexFormat HEX = HexFormat.of();

  private final Messenger messenger;
  private final ContentCodec messageCodec = new ContentCodec();

  SentMethods(Messenger messenger) {
    this.messenger = messenger;
  }

  Object getAllSentMessages(Params p) {
    return Map.of("sentMessages", LazyStructs.of(messenger.sentFolder(), this::sentJson));
  }

  Object getAllSentMessageIds(Params p) {
    List<Map<String, String>> ids = new ArrayList<>();
    for (Outbox.RowId row : messenger.sentIds()) {
      ids.add(Map.of("msgid", sentMsgid(row)));
    }
    return Map.of("sentMessageIds", ids);
  }

  Object getSentMessageById(Params p) {
    return found("sentMessage", byMsgid(p.hex(0)));
  }

  Object getSentMessagesByAddress(Params p) {
    String from = normal(p.string(0));
    return Map.of("sentMessages", LazyStructs.of(messenger.sentFrom(from), this::sentJson));
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

  /** The row this msgid names: an imported row by the msgid it kept, else by its row number. */
  private Optional<OutboxEntry> byMsgid(byte[] id) {
    Optional<OutboxEntry> imported = messenger.outboxByMsgid(Bytes.of(id));
    if (imported.isPresent()) {
      return imported;
    }
    OptionalLong row = SentMessageFields.outboxId(id);
    return row.isPresent()
        ? row(row.getAsLong()).filter(e -> e.msgid().isEmpty())
        : Optional.empty();
  }

  private Optional<OutboxEntry> byAck(Bytes ack) {
    OptionalLong row = SentMessageFields.syntheticAckRow(ack);
    Optional<OutboxEntry> e =
        row.isPresent() ? row(row.getAsLong()) : messenger.outboxByAckData(ack);
    return e.filter(x -> ackData(x).equals(ack));
  }

  private Optional<OutboxEntry> row(long id) {
    return messenger.status(id).map(Messenger.Status::entry);
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
