package dev.bitmsg.settings;

import java.nio.file.Path;

/**
 * One {@code key = value} line of a config file. Immutable.
 *
 * @param key the key (a long option name without dashes)
 * @param value the value, stripped of blanks and of a trailing {@code # comment}
 * @param file the file it was read from
 * @param line its line number, from 1
 */
public record SettingsEntry(String key, String value, Path file, int line) {
  /** {@code FILE:LINE}, for messages. */
  public String where() {
    return file + ":" + line;
  }
}
