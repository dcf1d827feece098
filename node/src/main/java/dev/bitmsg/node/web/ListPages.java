package dev.bitmsg.node.web;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.api.ApiPorts;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.store.ClientState;
import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.node.store.SenderList;
import dev.bitmsg.node.store.SenderLists;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The address lists: the address book, subscriptions (broadcasts received from these addresses) and
 * the sender blacklist and whitelist with the choice of which one is in use. Every address is
 * checked and written in full before it is stored. Thread-safe.
 */
final class ListPages {
  private final Messenger messenger;
  private final ClientState state;
  private final SenderLists senders;
  private final AddressCodec codec;
  private final View view;

  private ListPages(ApiPorts ports, View view) {
    this.messenger = ports.messenger();
    this.state = ports.clientState();
    this.senders = ports.lists().senderLists();
    this.codec = ports.codec();
    this.view = view;
  }

  static void register(Routes routes, ApiPorts ports, View view) {
    ListPages p = new ListPages(ports, view);
    routes
        .get("/contacts", p::contacts)
        .post("/contacts/add", p::addContact)
        .post("/contacts/delete", p::deleteContact)
        .get("/subscriptions", p::subscriptions)
        .post("/subscriptions/add", p::subscribe)
        .post("/subscriptions/delete", p::unsubscribe)
        .get("/senders", p::senders)
        .post("/senders/mode", p::mode)
        .post("/senders/add", p::addSender)
        .post("/senders/delete", p::deleteSender)
        .post("/senders/enabled", p::enableSender);
  }

  private String address(Form f) {
    return codec.encode(codec.decode(f.required("address", "address")));
  }

  private WebResponse contacts(WebRequest r) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ClientState.Contact c : state.contacts()) {
      rows.add(Map.of("address", c.address(), "label", c.label()));
    }
    return view.page(r, "contacts", "Address book", Map.of("contacts", rows));
  }

  private WebResponse addContact(WebRequest r) {
    String a = address(r.form());
    if (!state.addContact(a, r.form().text("label"))) {
      throw new Form.BadRequest("this address is already in the address book");
    }
    r.notice("Added " + a + " to the address book.");
    return WebResponse.redirect("/contacts");
  }

  private WebResponse deleteContact(WebRequest r) {
    state.deleteContact(address(r.form()));
    r.notice("Address book entry deleted.");
    return WebResponse.redirect("/contacts");
  }

  private WebResponse subscriptions(WebRequest r) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (IdentityStore.Subscription s : messenger.subscriptions()) {
      rows.add(Map.of("address", s.address(), "label", s.label(), "enabled", s.enabled()));
    }
    return view.page(r, "subscriptions", "Subscriptions", Map.of("subscriptions", rows));
  }

  private WebResponse subscribe(WebRequest r) {
    String a = address(r.form());
    messenger.subscribe(a, r.form().text("label"));
    r.notice("Subscribed to " + a + ".");
    return WebResponse.redirect("/subscriptions");
  }

  private WebResponse unsubscribe(WebRequest r) {
    messenger.unsubscribe(address(r.form()));
    r.notice("Subscription deleted.");
    return WebResponse.redirect("/subscriptions");
  }

  private WebResponse senders(WebRequest r) {
    Map<String, Object> m = new LinkedHashMap<>();
    SenderList mode = senders.mode();
    m.put("blackMode", mode == SenderList.BLACK);
    m.put("whiteMode", mode == SenderList.WHITE);
    for (SenderList list : SenderList.values()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (SenderLists.Entry e : senders.entries(list)) {
        rows.add(
            Map.of(
                "list",
                list.word(),
                "address",
                e.address(),
                "label",
                e.label(),
                "enabled",
                e.enabled()));
      }
      m.put(list.word(), rows);
    }
    return view.page(r, "senders", "Blacklist and whitelist", m);
  }

  private WebResponse mode(WebRequest r) {
    SenderList mode = SenderList.parse(r.form().required("mode", "mode"));
    senders.setMode(mode);
    r.notice(
        mode == SenderList.BLACK
            ? "Blacklist in use: messages from listed senders are ignored."
            : "Whitelist in use: only messages from listed senders are accepted.");
    return WebResponse.redirect("/senders");
  }

  private WebResponse addSender(WebRequest r) {
    SenderList list = SenderList.parse(r.form().required("list", "list"));
    String a = address(r.form());
    if (!senders.add(new SenderLists.Entry(list, a, r.form().text("label"), true))) {
      throw new Form.BadRequest("this address is already on the " + list.word() + "list");
    }
    r.notice("Added " + a + " to the " + list.word() + "list.");
    return WebResponse.redirect("/senders");
  }

  private WebResponse deleteSender(WebRequest r) {
    SenderList list = SenderList.parse(r.form().required("list", "list"));
    senders.remove(list, address(r.form()));
    r.notice("Entry deleted.");
    return WebResponse.redirect("/senders");
  }

  private WebResponse enableSender(WebRequest r) {
    SenderList list = SenderList.parse(r.form().required("list", "list"));
    boolean on = r.form().text("enabled").equals("1");
    if (!senders.setEnabled(list, address(r.form()), on)) {
      throw new Form.BadRequest("no such entry");
    }
    r.notice(on ? "Entry enabled." : "Entry disabled.");
    return WebResponse.redirect("/senders");
  }
}
