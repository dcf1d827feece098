package dev.bitmsg.node.api;

import static dev.bitmsg.node.api.AddressArguments.normal;
import static dev.bitmsg.node.api.ApiMethods.BROADCAST_TO;
import static dev.bitmsg.node.api.ApiMethods.b64;
import static dev.bitmsg.node.api.ApiMethods.ordered;

import dev.bitmsg.node.content.MessageContent;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.store.ClientState;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.wire.Bytes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API calls on received messages, with PyBitmessage's folders: the listings show the inbox
 * folder, the lookup by msgid (which also sets the read mark) finds trashed messages too; trashing
 * and PyBitmessage's {@code undeleteMessage}. An inbox msgid is the hex of the message's signature
 * hash (32 bytes, unique per message), or for a message imported from PyBitmessage the msgid it had
 * there (its inventory hash).
 *
 * <p>Cost: the id listing reads the msgid columns alone, the lookup by msgid is one index lookup,
 * the read and trashed marks are read once per call (never once per message), so no call costs more
 * per message than its answer holds. Thread-safe (the messaging facade and {@link ClientState}
 * are).
 */
final class InboxMethods {
  private static final HexFormat HEX = HexFormat.of();

  private final Messenger messenger;
  private final ClientState state;

  InboxMethods(Messenger messenger, ClientState state) {
    this.messenger = messenger;
    this.state = state;
  }

  Object getAllInboxMessages(Params p) {
    return Map.of("inboxMessages", listed(messenger.inbox()));
  }

  Object getAllInboxMessageIds(Params p) {
    Set<String> trashed = state.trashedInbox();
    List<Map<String, String>> ids = new ArrayList<>();
    for (Bytes h : messenger.inboxMsgids()) {
      String id = h.toHex();
      if (!trashed.contains(id)) {
        ids.add(Map.of("msgid", id));
      }
    }
    return Map.of("inboxMessageIds", ids);
  }

  Object getInboxMessagesByReceiver(Params p) {
    return Map.of("inboxMessages", listed(messenger.inboxFor(normal(p.string(0)))));
  }

  Object trashInboxMessage(Params p) {
    trash(p.hex(0));
    return "Trashed inbox message (assuming message existed).";
  }

  void trash(byte[] msgid) {
    state.trashInbox(HEX.formatHex(msgid));
  }

  /** PyBitmessage's {@code undeleteMessage}: the inbox message goes back to the inbox folder. */
  Object undeleteMessage(Params p) {
    state.untrashInbox(HEX.formatHex(p.hex(0)));
    return "Undeleted message";
  }

  /** The msgid another client gave an imported message, else the signature hash. */
  private String msgid(InboxEntry e) {
    return e.apiMsgid().toHex();
  }

  /**
   * The structs of {@code entries} less the trashed ones, with the marks read once, each made as
   * the encoder reaches it ({@link LazyStructs}).
   */
  private List<Map<String, Object>> listed(List<InboxEntry> entries) {
    Set<String> trashed = state.trashedInbox();
    Set<String> read = state.readInbox();
    List<InboxEntry> kept = new ArrayList<>(entries.size());
    for (InboxEntry e : entries) {
      if (!trashed.contains(msgid(e))) {
        kept.add(e);
      }
    }
    return LazyStructs.of(kept, e -> inboxJson(e, read.contains(msgid(e))));
  }

  private Map<String, Object> inboxJson(InboxEntry e, boolean read) {
    MessageContent c = messenger.content(e);
    return ordered(
        "msgid",
        msgid(e),
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
        "receivedTime",
        e.received(),
        "read",
        read ? 1L : 0L);
  }

  Object getInboxMessageById(Params p) {
    byte[] raw = p.hex(0);
    String id = HEX.formatHex(raw);
    if (p.size() > 1 && p.get(1) != null && !(p.get(1) instanceof Boolean)) {
      throw new ApiError(23, "Bool expected in readStatus, saw " + p.get(1) + " instead.");
    }
    Optional<InboxEntry> e = messenger.inboxMessage(Bytes.of(raw));
    if (e.isEmpty()) {
      return new Absent(Map.of("inboxMessage", List.of()));
    }
    if (p.size() > 1 && p.get(1) != null) {
      state.markRead(id, p.bool(1, false));
    }
    return Map.of("inboxMessage", List.of(inboxJson(e.get(), state.isRead(id))));
  }
}
