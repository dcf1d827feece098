package dev.bitmsg.node.web;

import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.api.ApiPorts;
import dev.bitmsg.node.content.ContentCodec;
import dev.bitmsg.node.content.MessageContent;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.store.ClientState;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.wire.Bytes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mailbox: inbox, sent and trash folders (PyBitmessage's), one message with its read mark, and
 * compose, whose sent message then shows its status and PoW progress live. Message text is only
 * ever put into templates as escaped text. Thread-safe.
 */
final class MailPages {
  static final String BROADCAST_TO = "[Broadcast subscribers]";
  private static final long MAX_TTL = 28L * 24 * 3600;

  private final ApiPorts ports;
  private final Messenger messenger;
  private final ClientState state;
  private final View view;
  private final ContentCodec codec = new ContentCodec();

  private MailPages(ApiPorts ports, View view) {
    this.ports = ports;
    this.messenger = ports.messenger();
    this.state = ports.clientState();
    this.view = view;
  }

  static void register(Routes routes, ApiPorts ports, View view) {
    MailPages p = new MailPages(ports, view);
    routes
        .get("/inbox", p::inbox)
        .get("/message", p::message)
        .post("/message/read", p::markRead)
        .post("/message/trash", p::trashMessage)
        .post("/message/restore", p::restoreMessage)
        .get("/sent", p::sent)
        .get("/sent/item", p::sentItem)
        .post("/sent/trash", p::trashSent)
        .post("/sent/restore", p::restoreSent)
        .post("/sent/cancel", p::cancelSent)
        .get("/trash", p::trash)
        .get("/compose", p::compose)
        .post("/compose", p::send);
  }

  /** Unread messages in the inbox folder (ids and marks only, no message is read). */
  static int unread(ApiPorts ports) {
    Set<String> trashed = ports.clientState().trashedInbox();
    Set<String> read = ports.clientState().readInbox();
    int n = 0;
    for (Bytes id : ports.messenger().inboxMsgids()) {
      String hex = id.toHex();
      if (!trashed.contains(hex) && !read.contains(hex)) {
        n++;
      }
    }
    return n;
  }

  /**
   * The first page of the inbox folder, newest first, as the {@code inbox-rows} fragment takes it.
   */
  static Map<String, Object> inboxScope(ApiPorts ports) {
    return inboxScope(ports, false, 1);
  }

  /** Page {@code page} (from 1) of the inbox folder or of its trash, newest first. */
  static Map<String, Object> inboxScope(ApiPorts ports, boolean trashedOnes, int page) {
    ClientState state = ports.clientState();
    Set<String> trashed = state.trashedInbox();
    Set<String> read = state.readInbox();
    List<InboxEntry> entries = new ArrayList<>();
    for (InboxEntry e : ports.messenger().inbox()) {
      if (trashed.contains(e.apiMsgid().toHex()) == trashedOnes) {
        entries.add(e);
      }
    }
    entries.sort(Comparator.comparingLong(InboxEntry::received).reversed());
    Pager pager = new Pager(entries.size(), page);
    Labels labels = Labels.of(ports);
    ContentCodec codec = new ContentCodec();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (InboxEntry e : pager.slice(entries)) {
      String id = e.apiMsgid().toHex();
      MessageContent c = codec.decode(e.encoding(), e.message().toByteArray());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("from", e.from());
      m.put("fromName", labels.name(e.from()));
      String to = e.to().orElse(BROADCAST_TO);
      m.put("toName", e.to().isPresent() ? labels.name(to) : to);
      m.put("subject", c.subject().isBlank() ? "(no subject)" : c.subject());
      m.put("time", Labels.time(e.received()));
      m.put("isoTime", Labels.isoTime(e.received()));
      m.put("unread", !read.contains(id));
      rows.add(m);
    }
    Map<String, Object> scope = new LinkedHashMap<>(pager.scope());
    scope.put("messages", rows);
    return scope;
  }

  private static int page(Form q) {
    return (int) q.number("page", 1, 1, Integer.MAX_VALUE, "page");
  }

  private WebResponse inbox(WebRequest r) {
    return view.page(r, "inbox", "Inbox", inboxScope(ports, false, page(r.query())));
  }

  private Optional<InboxEntry> inboxEntry(String hexId) {
    byte[] raw;
    try {
      raw = HexFormat.of().parseHex(hexId);
    } catch (IllegalArgumentException e) {
      throw new Form.BadRequest("message id must be hex");
    }
    return messenger.inboxMessage(Bytes.of(raw));
  }

  private WebResponse message(WebRequest r) {
    String id = r.query().required("id", "message id");
    Optional<InboxEntry> found = inboxEntry(id);
    if (found.isEmpty()) {
      return WebResponse.text(404, "no such message\n");
    }
    InboxEntry e = found.get();
    String key = e.apiMsgid().toHex();
    state.markRead(key, true);
    MessageContent c = messenger.content(e);
    Labels labels = Labels.of(ports);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", key);
    m.put("from", e.from());
    labels.label(e.from()).ifPresent(l -> m.put("fromLabel", l));
    m.put("to", e.to().orElse(BROADCAST_TO));
    m.put("subject", c.subject().isBlank() ? "(no subject)" : c.subject());
    m.put("body", c.body());
    m.put("time", Labels.time(e.received()));
    m.put("isoTime", Labels.isoTime(e.received()));
    m.put("trashed", state.trashedInbox().contains(key));
    m.put("broadcast", e.to().isEmpty());
    String subject = c.subject().startsWith("Re: ") ? c.subject() : "Re: " + c.subject();
    m.put(
        "replyQuery",
        "from=" + url(e.to().orElse("")) + "&to=" + url(e.from()) + "&subject=" + url(subject));
    return view.page(r, "message", c.subject().isBlank() ? "Message" : c.subject(), m);
  }

  private static String url(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private WebResponse markRead(WebRequest r) {
    String id = r.form().required("id", "message id");
    boolean read = r.form().text("read").equals("1");
    state.markRead(id, read);
    r.notice(read ? "Marked as read." : "Marked as unread.");
    return WebResponse.redirect(read ? "/message?id=" + id : "/inbox");
  }

  private WebResponse trashMessage(WebRequest r) {
    state.trashInbox(r.form().required("id", "message id"));
    r.notice("Message moved to the trash.");
    return WebResponse.redirect("/inbox");
  }

  private WebResponse restoreMessage(WebRequest r) {
    state.untrashInbox(r.form().required("id", "message id"));
    r.notice("Message restored to the inbox.");
    return WebResponse.redirect("/trash");
  }

  private Map<String, Object> sentScope(boolean trashedOnes, int page) {
    List<OutboxEntry> rows = new ArrayList<>();
    for (OutboxEntry e : messenger.outbox()) {
      if (e.trashed() == trashedOnes) {
        rows.add(e);
      }
    }
    rows.sort(Comparator.comparingLong(OutboxEntry::created).reversed());
    Pager pager = new Pager(rows.size(), page);
    Labels labels = Labels.of(ports);
    List<Map<String, Object>> out = new ArrayList<>();
    for (OutboxEntry e : pager.slice(rows)) {
      MessageContent c = codec.decode(e.encoding(), e.message().toByteArray());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("toName", e.to().map(labels::name).orElse(BROADCAST_TO));
      m.put("fromName", labels.name(e.from()));
      m.put("subject", c.subject().isBlank() ? "(no subject)" : c.subject());
      m.put("time", Labels.time(e.created()));
      m.put("isoTime", Labels.isoTime(e.created()));
      m.put("status", SendStatusView.status(e));
      out.add(m);
    }
    Map<String, Object> scope = new LinkedHashMap<>(pager.scope());
    scope.put("messages", out);
    return scope;
  }

  private WebResponse sent(WebRequest r) {
    return view.page(r, "sent", "Sent", sentScope(false, page(r.query())));
  }

  private long rowId(Form f) {
    return f.number("id", -1, 0, Long.MAX_VALUE, "message id");
  }

  private WebResponse sentItem(WebRequest r) {
    long id = rowId(r.query());
    Optional<Messenger.Status> st = messenger.status(id);
    if (st.isEmpty()) {
      return WebResponse.text(404, "no such sent message\n");
    }
    OutboxEntry e = st.get().entry();
    MessageContent c = codec.decode(e.encoding(), e.message().toByteArray());
    Labels labels = Labels.of(ports);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("from", e.from());
    labels.label(e.from()).ifPresent(l -> m.put("fromLabel", l));
    m.put("to", e.to().orElse(BROADCAST_TO));
    m.put("subject", c.subject().isBlank() ? "(no subject)" : c.subject());
    m.put("body", c.body());
    m.put("time", Labels.time(e.created()));
    m.put("isoTime", Labels.isoTime(e.created()));
    m.put("ttl", SendStatusView.duration((double) e.ttl()));
    m.put("trashed", e.trashed());
    m.put("status", SendStatusView.status(e));
    m.put("pow", SendStatusView.pow(e, st.get().progress()));
    List<Map<String, Object>> history = new ArrayList<>();
    for (var change : messenger.history(id)) {
      history.add(Map.of("time", Labels.time(change.at()), "status", change.status().wireName()));
    }
    m.put("history", history);
    return view.page(r, "sent-item", "Sent: " + m.get("subject"), m);
  }

  private WebResponse trashSent(WebRequest r) {
    long id = rowId(r.form());
    if (!messenger.trash(id, true)) {
      throw new Form.BadRequest("no such sent message");
    }
    r.notice("Sent message moved to the trash.");
    return WebResponse.redirect("/sent");
  }

  private WebResponse restoreSent(WebRequest r) {
    long id = rowId(r.form());
    if (!messenger.trash(id, false)) {
      throw new Form.BadRequest("no such sent message");
    }
    r.notice("Sent message restored.");
    return WebResponse.redirect("/trash");
  }

  private WebResponse cancelSent(WebRequest r) {
    long id = rowId(r.form());
    if (messenger.cancel(id).isEmpty()) {
      throw new Form.BadRequest("no such sent message");
    }
    r.notice("Sending cancelled.");
    return WebResponse.redirect("/sent/item?id=" + id);
  }

  private WebResponse trash(WebRequest r) {
    // The trash shows its newest received and sent messages, a page of each.
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messages", inboxScope(ports, true, 1).get("messages"));
    m.put("sent", sentScope(true, 1).get("messages"));
    return view.page(r, "trash", "Trash", m);
  }

  private WebResponse compose(WebRequest r) {
    Form q = r.query();
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, Object>> from = new ArrayList<>();
    String chosen = q.text("from");
    for (Identity id : messenger.identities()) {
      if (!id.enabled()) {
        continue;
      }
      String address = messenger.text(id);
      from.add(
          Map.of(
              "address",
              address,
              "label",
              id.label().isBlank() ? address : id.label() + " (" + address + ")",
              "selected",
              address.equals(chosen)));
    }
    m.put("identities", from);
    m.put("noIdentities", from.isEmpty());
    List<Map<String, Object>> contacts = new ArrayList<>();
    for (ClientState.Contact c : state.contacts()) {
      contacts.add(Map.of("address", c.address(), "label", c.label()));
    }
    m.put("contacts", contacts);
    m.put("to", q.text("to"));
    m.put("subject", q.text("subject"));
    m.put("ttlHours", messenger.defaultTtl() / 3600);
    return view.page(r, "compose", "Compose", m);
  }

  private WebResponse send(WebRequest r) {
    Form f = r.form();
    String from = f.required("from", "From");
    String subject = f.get("subject").orElse("");
    String body = f.get("body").orElse("");
    long ttl =
        f.number("ttlHours", messenger.defaultTtl() / 3600, 1, MAX_TTL / 3600, "TTL (hours)");
    long id;
    if (f.checked("broadcast")) {
      id = messenger.broadcast(from, subject, body, ttl * 3600);
    } else {
      id = messenger.send(from, f.required("to", "To"), subject, body, ttl * 3600);
    }
    r.notice("Message queued. Its status updates below as it is sent.");
    return WebResponse.redirect("/sent/item?id=" + id);
  }
}
