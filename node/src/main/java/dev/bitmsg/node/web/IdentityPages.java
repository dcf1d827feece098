package dev.bitmsg.node.web;

import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.api.ApiPorts;
import dev.bitmsg.node.messaging.Messenger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Own identities: the list, new random and deterministic ones, chans (join, leave), labels,
 * enabling and disabling, and one identity's page with the QR code of its address. Thread-safe.
 */
final class IdentityPages {
  private final Messenger messenger;
  private final View view;

  private IdentityPages(ApiPorts ports, View view) {
    this.messenger = ports.messenger();
    this.view = view;
  }

  static void register(Routes routes, ApiPorts ports, View view) {
    IdentityPages p = new IdentityPages(ports, view);
    routes
        .get("/identities", p::list)
        .get("/identity", p::one)
        .post("/identities/random", p::random)
        .post("/identities/deterministic", p::deterministic)
        .post("/identities/chan", p::chan)
        .post("/identity/label", p::label)
        .post("/identity/enabled", p::enabled)
        .post("/identity/leave", p::leave);
  }

  private Map<String, Object> row(Identity id) {
    Map<String, Object> m = new LinkedHashMap<>();
    String address = messenger.text(id);
    m.put("address", address);
    m.put("label", id.label());
    m.put("name", id.label().isBlank() ? address : id.label());
    m.put("enabled", id.enabled());
    m.put("chan", id.chan());
    return m;
  }

  private WebResponse list(WebRequest r) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Identity id : messenger.identities()) {
      rows.add(row(id));
    }
    return view.page(r, "identities", "Identities", Map.of("identities", rows));
  }

  private Identity find(String address) {
    Optional<Identity> found =
        messenger.identities().stream()
            .filter(id -> messenger.text(id).equals(address))
            .findFirst();
    return found.orElseThrow(() -> new Form.BadRequest("no own identity " + address));
  }

  private WebResponse one(WebRequest r) {
    Identity id = find(r.query().required("address", "address"));
    Map<String, Object> m = row(id);
    String address = messenger.text(id);
    m.put("qr", QrSvg.of("bitmessage:" + address, "QR code of the address " + address));
    return view.page(r, "identity", "Identity " + m.get("name"), m);
  }

  private WebResponse random(WebRequest r) {
    Identity id = messenger.createRandom(r.form().text("label"));
    r.notice("New identity " + messenger.text(id) + " created; its public key is being published.");
    return WebResponse.redirect("/identity?address=" + messenger.text(id));
  }

  private WebResponse deterministic(WebRequest r) {
    String passphrase = r.form().get("passphrase").orElse("");
    if (passphrase.isEmpty()) {
      throw new Form.BadRequest("passphrase is required");
    }
    int count = (int) r.form().number("count", 1, 1, 100, "number of addresses");
    List<Identity> made = messenger.createDeterministic(passphrase, count, 4);
    r.notice(made.size() + " deterministic identities ready.");
    return WebResponse.redirect("/identities");
  }

  private WebResponse chan(WebRequest r) {
    String name = r.form().required("name", "chan name");
    String expected = r.form().text("address");
    Identity id =
        expected.isEmpty() ? messenger.joinChan(name) : messenger.joinChan(name, expected);
    r.notice("Joined chan " + name + " (" + messenger.text(id) + ").");
    return WebResponse.redirect("/identities");
  }

  private WebResponse label(WebRequest r) {
    String address = r.form().required("address", "address");
    find(address);
    messenger.setLabel(address, r.form().text("label"));
    r.notice("Label saved.");
    return WebResponse.redirect("/identity?address=" + address);
  }

  private WebResponse enabled(WebRequest r) {
    String address = r.form().required("address", "address");
    find(address);
    boolean on = r.form().text("enabled").equals("1");
    messenger.setEnabled(address, on);
    r.notice(on ? "Identity enabled." : "Identity disabled.");
    return WebResponse.redirect("/identities");
  }

  private WebResponse leave(WebRequest r) {
    String address = r.form().required("address", "address");
    if (!messenger.leaveChan(address)) {
      throw new Form.BadRequest("not a chan of this node: " + address);
    }
    r.notice("Left the chan.");
    return WebResponse.redirect("/identities");
  }
}
