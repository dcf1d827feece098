package dev.bitmsg.node.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Renders a page inside the common layout: title, navigation (the current section marked for screen
 * readers), the session's CSRF token for the forms and the one-time notice. Thread-safe.
 */
final class View {
  private static final String[][] NAV = {
    {"/inbox", "Inbox"},
    {"/sent", "Sent"},
    {"/trash", "Trash"},
    {"/compose", "Compose"},
    {"/identities", "Identities"},
    {"/contacts", "Address book"},
    {"/subscriptions", "Subscriptions"},
    {"/senders", "Blacklist / whitelist"},
    {"/network", "Network"},
    {"/pow", "Proof of work"},
  };

  private final Templates templates;
  private final IntSupplier unread;

  /**
   * @param unread how many messages in the inbox folder are unread (shown in the navigation)
   */
  View(Templates templates, IntSupplier unread) {
    this.templates = templates;
    this.unread = unread;
  }

  WebResponse page(WebRequest r, String template, String title, Map<String, ?> scope) {
    return WebResponse.html(render(r, template, title, scope));
  }

  String render(WebRequest r, String template, String title, Map<String, ?> scope) {
    Map<String, Object> all = new LinkedHashMap<>(scope);
    all.put("title", title);
    all.put("csrf", r.session().csrf());
    List<Map<String, Object>> nav = new ArrayList<>();
    String section = "/" + r.path().split("/", 3)[1];
    int unreadNow = unread.getAsInt();
    for (String[] item : NAV) {
      Map<String, Object> link = new LinkedHashMap<>();
      link.put("href", item[0]);
      link.put("label", item[1]);
      link.put("current", item[0].equals(section));
      if (item[0].equals("/inbox")) {
        link.put("inbox", true);
        if (unreadNow > 0) {
          link.put("unread", unreadNow);
        }
      }
      nav.add(link);
    }
    all.put("nav", nav);
    r.session()
        .takeFlash()
        .ifPresent(f -> all.put("flash", Map.of("text", f.text(), "error", f.error())));
    return templates.render(template, all);
  }

  /** A fragment without the layout (pushed as a live update). */
  String fragment(String template, Map<String, ?> scope) {
    return templates.render(template, scope);
  }

  Templates templates() {
    return templates;
  }
}
