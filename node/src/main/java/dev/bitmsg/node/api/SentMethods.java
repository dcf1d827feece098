package dev.bitmsg.node.api;

import static dev.bitmsg.node.api.AddressArguments.normal;
import static dev.bitmsg.node.api.ApiMethods.BROADCAST_TO;
import static dev.bitmsg.node.api.ApiMethods.b64;
import static dev.bitmsg.node.api.ApiMethods.ordered;
import static dev.bitmsg.node.api.ApiMethods.putProgress;
import static dev.bitmsg.node.messaging.SentMessageFields.ackData;
import static dev.bitmsg.node.messaging.SentMessageFields.sentMsgid;
import static dev.bitmsg.node.messaging.SentMessageFields.statusWord;

import dev.bitmsg.node.content.ContentCodec;
import dev.bitmsg.node.content.MessageContent;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.messaging.SentMessageFields;
import dev.bitmsg.node.store.ClientState;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.wire.Bytes;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API calls on sent messages: listing (trashed ones hidden), lookup by msgid or ackData, the
 * status word, live PoW progress, trashing. Identifiers: {@link SentMessageFields}. Thread-safe
 * (the messaging facade and {@link ClientState} are).
 */
final class SentMethods {
  private static final HexFormat HEX = HexFormat.of();

  private final Messenger messenger;
  private final ClientState state;
  private final ContentCodec messageCodec = new ContentCodec();

  SentMethods(Messenger messenger, ClientState state) {
    this.messenger = messenger;
    this.state = state;
  }

  Object getAllSentMessages(Params p) {
    return Map.of("sentMessages", sent().stream().map(this::sentJson).toList());
  }

  Object getAllSentMessageIds(Params p) {
    return Map.of(
        "sentMessageIds", sent().stream().map(e -> Map.of("msgid", sentMsgid(e))).toList());
  }

  Object getSentMessageById(Params p) {
    return Map.of(
        "sentMessage", sentByMsgid(p.hex(0)).map(e -> List.of(sentJson(e))).orElse(List.of()));
  }

  Object getSentMessagesByAddress(Params p) {
    String from = normal(p.string(0));
    return Map.of(
        "sentMessages",
        sent().stream().filter(e -> e.from().equals(from)).map(this::sentJson).toList());
  }

  Object getSentMessageByAckData(Params p) {
    return Map.of(
        "sentMessage",
        byAck(ackBytes(p.string(0))).map(e -> List.of(sentJson(e))).orElse(List.of()));
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
    Map<String, Object> m = ordered("status", statusWord(e));
    pr.ifPresent(x -> putProgress(m, x));
    e.powBy().ifPresent(b -> m.put("powBy", b));
    return m;
  }

  /** Trashes the sent message with this msgid, else the inbox message. */
  Object trashMessage(Params p) {
    String id = HEX.formatHex(p.hex(0));
    Optional<OutboxEntry> s = sentByMsgid(p.hex(0));
    if (s.isPresent()) {
      state.trashSent(s.get().id());
    } else {
      state.trashInbox(id);
    }
    return "Trashed message (assuming message existed).";
  }

  Object trashSentMessage(Params p) {
    sentByMsgid(p.hex(0)).ifPresent(e -> state.trashSent(e.id()));
    return "Trashed sent message (assuming message existed).";
  }

  Object trashSentMessageByAckData(Params p) {
    byAck(ackBytes(p.string(0))).ifPresent(e -> state.trashSent(e.id()));
    return "Trashed sent message (assuming message existed).";
  }

  private List<OutboxEntry> sent() {
    Set<Long> trashed = state.trashedSent();
    return messenger.outbox().stream().filter(e -> !trashed.contains(e.id())).toList();
  }

  private Optional<OutboxEntry> sentByMsgid(byte[] id) {
    String hex = HEX.formatHex(id);
    return sent().stream().filter(e -> sentMsgid(e).equals(hex)).findFirst();
  }

  private Optional<OutboxEntry> byAck(Bytes ack) {
    return sent().stream().filter(e -> ackData(e).equals(ack)).findFirst();
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
    return ordered(
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
        statusWord(e),
        "ackData",
        ackData(e).toHex());
  }
}
