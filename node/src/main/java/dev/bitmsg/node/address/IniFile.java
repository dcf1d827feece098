package dev.bitmsg.node.address;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The INI dialect of Python's {@code configparser}, which PyBitmessage uses for keys.dat: {@code
 * [section]} headers (case-sensitive), {@code key = value} or {@code key: value} options (keys
 * lower-cased, values stripped), full-line comments starting with {@code #} or {@code ;},
 * continuation lines indented with whitespace (joined with a newline). Values are kept raw, i.e.
 * with configparser's {@code %%} escaping. Order of sections and options is preserved so that a
 * file round-trips. Immutable.
 */
public final class IniFile {
  private final Map<String, Map<String, String>> sections;

  private IniFile(Map<String, Map<String, String>> sections) {
    this.sections = sections;
  }

  public static IniFile empty() {
    return new IniFile(new LinkedHashMap<>());
  }

  /**
   * Parses INI text.
   *
   * @throws KeysDatException on options before any section, duplicate sections or options, or lines
   *     that are neither header, option, comment nor continuation
   */
  public static IniFile parse(String text) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, String> current = null;
    String lastKey = null;
    String[] lines = text.split("\r\n|\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int no = i + 1;
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        lastKey = null;
        continue;
      }
      if (stripped.startsWith("#") || stripped.startsWith(";")) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0)) && current != null && lastKey != null) {
        current.put(lastKey, current.get(lastKey) + "\n" + stripped);
        continue;
      }
      if (stripped.startsWith("[")) {
        if (!stripped.endsWith("]")) {
          throw new KeysDatException("line " + no + ": section header without ']'");
        }
        String name = stripped.substring(1, stripped.length() - 1);
        if (out.containsKey(name)) {
          throw new KeysDatException("line " + no + ": duplicate section [" + name + "]");
        }
        current = new LinkedHashMap<>();
        out.put(name, current);
        lastKey = null;
        continue;
      }
      int eq = line.indexOf('=');
      int colon = line.indexOf(':');
      int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
      if (at <= 0) {
        throw new KeysDatException("line " + no + ": not an option, section or comment");
      }
      if (current == null) {
        throw new KeysDatException("line " + no + ": option before the first [section]");
      }
      String key = line.substring(0, at).strip().toLowerCase(Locale.ROOT);
      if (key.isEmpty()) {
        throw new KeysDatException("line " + no + ": empty option name");
      }
      if (current.containsKey(key)) {
        throw new KeysDatException("line " + no + ": duplicate option '" + key + "'");
      }
      current.put(key, line.substring(at + 1).strip());
      lastKey = key;
    }
    return new IniFile(out);
  }

  /** Reads and parses a UTF-8 file. */
  public static IniFile load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Writes to {@code file} through a temporary sibling that is moved into place, so a crash never
   * leaves half a file. The file holds private keys: on POSIX systems it is created readable by its
   * owner only.
   */
  public void save(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's ACL applies.
      }
      Files.writeString(tmp, write(), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes like configparser: {@code key = value}, continuation lines indented by a tab. */
  public String write() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Map<String, String>> s : sections.entrySet()) {
      sb.append('[').append(s.getKey()).append("]\n");
      for (Map.Entry<String, String> o : s.getValue().entrySet()) {
        sb.append(o.getKey()).append(" = ").append(o.getValue().replace("\n", "\n\t")).append('\n');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  public List<String> sectionNames() {
    return List.copyOf(sections.keySet());
  }

  public boolean hasSection(String name) {
    return sections.containsKey(name);
  }

  /** The options of a section in file order (unmodifiable), empty if there is no such section. */
  public Map<String, String> section(String name) {
    Map<String, String> s = sections.get(name);
    return s == null ? Map.of() : Collections.unmodifiableMap(s);
  }

  public Optional<String> get(String section, String key) {
    return Optional.ofNullable(section(section).get(key.toLowerCase(Locale.ROOT)));
  }

  /** A copy with the option set (section created at the end when missing). */
  public IniFile with(String section, String key, String value) {
    if (value.contains("\n\n") || value.startsWith("\n")) {
      throw new IllegalArgumentException("value of " + key + " cannot hold blank lines");
    }
    Map<String, Map<String, String>> copy = deepCopy();
    copy.computeIfAbsent(section, k -> new LinkedHashMap<>())
        .put(key.toLowerCase(Locale.ROOT), value);
    return new IniFile(copy);
  }

  /** A copy with the section present (empty if new). */
  public IniFile withSection(String section) {
    Map<String, Map<String, String>> copy = deepCopy();
    copy.computeIfAbsent(section, k -> new LinkedHashMap<>());
    return new IniFile(copy);
  }

  public IniFile withoutSection(String section) {
    Map<String, Map<String, String>> copy = deepCopy();
    copy.remove(section);
    return new IniFile(copy);
  }

  private Map<String, Map<String, String>> deepCopy() {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    sections.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IniFile other
        && new ArrayList<>(sections.entrySet()).equals(new ArrayList<>(other.sections.entrySet()));
  }

  @Override
  public int hashCode() {
    return sections.hashCode();
  }

  @Override
  public String toString() {
    return "IniFile" + sections.keySet();
  }
}
