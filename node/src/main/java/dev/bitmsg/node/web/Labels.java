package dev.bitmsg.node.web;

import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.api.ApiPorts;
import dev.bitmsg.node.store.ClientState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names people gave addresses (own identities, the address book, subscriptions), read once per
 * page, and the one time format of the pages. Immutable.
 */
final class Labels {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Map<String, String> names = new HashMap<>();

  private Labels() {}

  static Labels of(ApiPorts ports) {
    Labels l = new Labels();
    for (var s : ports.messenger().subscriptions()) {
      l.names.put(s.address(), s.label());
    }
    for (ClientState.Contact c : ports.clientState().contacts()) {
      l.names.put(c.address(), c.label());
    }
    for (Identity id : ports.messenger().identities()) {
      l.names.put(ports.messenger().text(id), id.label());
    }
    return l;
  }

  /** The label of {@code address}, else the address itself. */
  String name(String address) {
    String label = names.get(address);
    return label == null || label.isBlank() ? address : label;
  }

  /** The label of {@code address}, empty when it has none. */
  Optional<String> label(String address) {
    String label = names.get(address);
    return label == null || label.isBlank() ? Optional.empty() : Optional.of(label);
  }

  static String time(long epochSeconds) {
    return TIME.format(Instant.ofEpochSecond(epochSeconds));
  }

  static String isoTime(long epochSeconds) {
    return Instant.ofEpochSecond(epochSeconds).toString();
  }
}
