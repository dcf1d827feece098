package dev.bitmsg.node.app;

import dev.bitmsg.node.migrate.PySettings.ConfigValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds settings to a node's config file ({@code DATA/bitmsg.conf}, {@code key = value} lines): a
 * key the file already sets keeps its value (the difference is reported), the others are appended
 * under a comment naming where they came from, and a value the config readers would not read back
 * unchanged (a line break, a {@code #} after a blank, a backslash) is refused. The file is replaced
 * atomically. Stateless.
 */
final class ConfigFileUpdate {
  private static final Pattern KEY_LINE =
      Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)\\s*[=:]\\s*(.*?)\\s*$");

  /** What happened to each value: {@code key = value} lines. Immutable. */
  record Outcome(List<String> set, List<String> kept, List<String> refused) {
    Outcome {
      set = List.copyOf(set);
      kept = List.copyOf(kept);
      refused = List.copyOf(refused);
    }
  }

  private ConfigFileUpdate() {}

  /** Adds {@code values} to {@code file} (unless {@code dryRun}) under the comment {@code from}. */
  static Outcome apply(Path file, List<ConfigValue> values, String from, boolean dryRun)
      throws IOException {
    List<String> lines =
        Files.isRegularFile(file)
            ? Files.readAllLines(file, StandardCharsets.UTF_8)
            : new ArrayList<>();
    Map<String, String> present = new HashMap<>();
    for (String line : lines) {
      Matcher m = KEY_LINE.matcher(line);
      if (!line.strip().startsWith("#") && m.matches()) {
        present.put(m.group(1), m.group(2));
      }
    }
    List<String> set = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (ConfigValue v : values) {
      String line = v.key() + " = " + v.value();
      if (v.value().contains("\n") || v.value().contains("\\") || v.value().matches(".*\\s#.*")) {
        refused.add(line + " (from " + v.from() + "): the config file cannot hold this value");
      } else if (present.containsKey(v.key())) {
        String old = present.get(v.key());
        if (!old.equals(v.value())) {
          kept.add(
              v.key() + " = " + old + " (PyBitmessage's " + v.from() + " gave " + v.value() + ")");
        }
      } else {
        present.put(v.key(), v.value());
        set.add(line + "   (" + v.from() + ")");
        added.add(line);
      }
    }
    if (!added.isEmpty() && !dryRun) {
      List<String> out = new ArrayList<>(lines);
      if (!out.isEmpty() && !out.get(out.size() - 1).isBlank()) {
        out.add("");
      }
      out.add("# imported from PyBitmessage's " + from);
      out.addAll(added);
      write(file, out);
    }
    return new Outcome(set, kept, refused);
  }

  private static void write(Path file, List<String> lines) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // the directory's permissions apply
      }
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
