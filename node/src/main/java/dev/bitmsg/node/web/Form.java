package dev.bitmsg.node.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a query string or an {@code application/x-www-form-urlencoded} body; a repeated
 * name keeps its first value. Immutable.
 */
final class Form {
  private final Map<String, String> fields;

  private Form(Map<String, String> fields) {
    this.fields = fields;
  }

  static Form empty() {
    return new Form(Map.of());
  }

  static Form parse(@Nullable String encoded) {
    Map<String, String> m = new LinkedHashMap<>();
    if (encoded != null && !encoded.isEmpty()) {
      for (String pair : encoded.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          m.putIfAbsent(
              URLDecoder.decode(k, StandardCharsets.UTF_8),
              URLDecoder.decode(v, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new BadRequest("malformed form field");
        }
      }
    }
    return new Form(m);
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /** The field, stripped; empty string when absent. */
  String text(String name) {
    return get(name).map(String::strip).orElse("");
  }

  /** A field that must be present and not blank. */
  String required(String name, String what) {
    String v = text(name);
    if (v.isEmpty()) {
      throw new BadRequest(what + " is required");
    }
    return v;
  }

  boolean checked(String name) {
    return get(name).isPresent();
  }

  long number(String name, long fallback, long min, long max, String what) {
    String v = text(name);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        throw new BadRequest(what + " must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequest(what + " must be a whole number");
    }
  }

  /** A request the user can fix: its message is shown on the page. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
