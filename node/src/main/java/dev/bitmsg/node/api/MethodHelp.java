package dev.bitmsg.node.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The help texts of {@code system.methodHelp}, read once from {@code method-help.txt} next to this
 * class: a line {@code == name(parameters)} starts a method's block, the lines below it are its
 * text, {@code #} lines are comments. Immutable.
 */
final class MethodHelp {
  private final Map<String, String> texts;

  private MethodHelp(Map<String, String> texts) {
    this.texts = Map.copyOf(texts);
  }

  static MethodHelp load() {
    try (InputStream in = MethodHelp.class.getResourceAsStream("method-help.txt")) {
      if (in == null) {
        throw new IllegalStateException("method-help.txt is missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read method-help.txt", e);
    }
  }

  static MethodHelp parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String name = null;
    StringBuilder block = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("== ")) {
        if (name != null) {
          out.put(name, block.toString().strip());
        }
        String head = line.substring(3).strip();
        int paren = head.indexOf('(');
        name = paren < 0 ? head : head.substring(0, paren);
        block = new StringBuilder(head).append("\n\n");
      } else if (name != null) {
        block.append(line).append('\n');
      }
    }
    if (name != null) {
      out.put(name, block.toString().strip());
    }
    return new MethodHelp(out);
  }

  /** The text of the method {@code primary}. */
  Optional<String> of(String primary) {
    return Optional.ofNullable(texts.get(primary));
  }

  /** The methods that have a text. */
  Set<String> methods() {
    return texts.keySet();
  }
}
