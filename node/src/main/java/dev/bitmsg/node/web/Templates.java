package dev.bitmsg.node.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.Map;

/**
 * The page templates ({@code web/templates/*.mustache} on the classpath), compiled once and cached.
 * Mustache escapes every {@code {{value}}} for HTML; the only unescaped value ({@code {{{...}}}})
 * is the QR code's SVG, which the server draws itself. Thread-safe.
 */
final class Templates {
  private final MustacheFactory factory = new DefaultMustacheFactory("web/templates");

  /** Renders template {@code name} with {@code scope} (names to strings, booleans, lists, maps). */
  String render(String name, Map<String, ?> scope) {
    Mustache m = factory.compile(name + ".mustache");
    StringWriter out = new StringWriter();
    m.execute(out, scope);
    return out.toString();
  }
}
