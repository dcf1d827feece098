package dev.bitmsg.settings;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a config file: UTF-8 lines of {@code key = value}; blank lines and lines starting with
 * {@code #} are ignored, and a {@code #} after a blank ends the value ({@code events =
 * 127.0.0.1:8447 # push stream}); a {@code #} inside a value ({@code a#b}) stays. Keys are lower
 * case letters, digits and dashes. Anything else, a key without a value or a key given twice is a
 * {@link SettingsException} naming the file and line. Stateless.
 */
public final class SettingsFile {
  private static final Pattern LINE =
      Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)\\s*=\\s*(.*?)\\s*$");
  private static final Pattern COMMENT = Pattern.compile("(^|\\s)#.*$");

  private SettingsFile() {}

  /** The entries of {@code file}, in file order. */
  public static List<SettingsEntry> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SettingsException("config file " + file + " does not exist");
    } catch (CharacterCodingException e) {
      throw new SettingsException("config file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new SettingsException("cannot read config file " + file + ": " + reason(e));
    }
    return parse(file, lines);
  }

  /** The entries of {@code lines}, read from {@code file} (for messages). */
  public static List<SettingsEntry> parse(Path file, List<String> lines) {
    List<SettingsEntry> entries = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int n = i + 1;
      String text = lines.get(i);
      String stripped = text.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      if (stripped.startsWith("[")) {
        throw new SettingsException(
            file
                + ":"
                + n
                + ": sections like "
                + stripped
                + " are not supported: write key = value");
      }
      Matcher m = LINE.matcher(text);
      if (!m.matches()) {
        throw new SettingsException(
            file + ":" + n + ": expected 'key = value', got '" + stripped + "'");
      }
      String key = m.group(1);
      String value = COMMENT.matcher(m.group(2)).replaceFirst("").strip();
      if (value.isEmpty()) {
        throw new SettingsException(
            file + ":" + n + ": " + key + " has no value (remove the line for the default)");
      }
      Integer earlier = firstLine.putIfAbsent(key, n);
      if (earlier != null) {
        throw new SettingsException(
            file + ":" + n + ": " + key + " is set twice (first on line " + earlier + ")");
      }
      entries.add(new SettingsEntry(key, value, file, n));
    }
    return entries;
  }

  /** Why reading failed, in words (no exception class names: they are for programmers). */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    String m = e.getMessage();
    return m == null ? "I/O error" : m;
  }
}
