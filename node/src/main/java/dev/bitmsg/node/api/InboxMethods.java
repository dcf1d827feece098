package dev.bitmsg.node.api;

import static dev.bitmsg.node.api.AddressArguments.normal;
import static dev.bitmsg.node.api.ApiMethods.BROADCAST_TO;
import static dev.bitmsg.node.api.ApiMethods.b64;
import static dev.bitmsg.node.api.ApiMethods.ordered;

import dev.bitmsg.node.content.MessageContent;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.store.ClientState;
import dev.bitmsg.node.store.InboxEntry;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The API calls on received messages, with PyBitmessage's folders: the listings show the inbox
 * folder, the lookup by msgid (which also sets the read mark) finds trashed messages too; trashing
 * and PyBitmessage's {@code undeleteMessage}. An inbox msgid is the hex of the message's signature
 * hash (32 bytes, unique per message), or for a message imported from PyBitmessage the msgid it had
 * there (its inventory hash). Thread-safe (the messaging facade and {@link ClientState} are).
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
    return Map.of("inboxMessages", inbox(null).stream().map(this::inboxJson).toList());
  }

  Object getAllInboxMessageIds(Params p) {
    return Map.of(
        "inboxMessageIds", inbox(null).stream().map(e -> Map.of("msgid", msgid(e))).toList());
  }

  Object getInboxMessagesByReceiver(Params p) {
    return Map.of(
        "inboxMessages", inbox(normal(p.string(0))).stream().map(this::inboxJson).toList());
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
    return e.msgid().orElse(e.sigHash()).toHex();
  }

  private List<InboxEntry> inbox(@Nullable String toFilter) {
    Set<String> trashed = state.trashedInbox();
    List<InboxEntry> out = new ArrayList<>();
    for (InboxEntry e : messenger.inbox()) {
      if (trashed.contains(msgid(e))) {
        continue;
      }
      if (toFilter != null && !e.to().map(toFilter::equals).orElse(false)) {
        continue;
      }
      out.add(e);
    }
    return out;
  }

  private Map<String, Object> inboxJson(InboxEntry e) {
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
        state.readInbox().contains(msgid(e)) ? 1L : 0L);
  }

  Object getInboxMessageById(Params p) {
    String id = HEX.formatHex(p.hex(0));
    if (p.size() > 1 && p.get(1) != null && !(p.get(1) instanceof Boolean)) {
      throw new ApiError(23, "Bool expected in readStatus, saw " + p.get(1) + " instead.");
    }
    Optional<InboxEntry> e =
        messenger.inbox().stream().filter(x -> msgid(x).equals(id)).findFirst();
    if (e.isEmpty()) {
      return new Absent(Map.of("inboxMessage", List.of()));
    }
    if (p.size() > 1 && p.get(1) != null) {
      state.markRead(id, p.bool(1, false));
    }
    return Map.of("inboxMessage", List.of(inboxJson(e.get())));
  }
}
