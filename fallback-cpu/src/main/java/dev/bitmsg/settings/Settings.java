package dev.bitmsg.settings;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one program run below its command line: the environment ({@code BM_<KEY>}: the
 * key upper-cased, dashes as underscores, e.g. {@code BM_API_USER} for {@code api-user}), then the
 * config file, each value with where it came from. Immutable.
 */
public final class Settings {
  /** A value and where it was set: {@code BM_API_USER} or {@code FILE:LINE}. Immutable. */
  public record Value(String text, String source) {}

  private final Map<String, String> env;
  private final Map<String, SettingsEntry> file;
  private final Optional<Path> source;

  private Settings(Map<String, String> env, List<SettingsEntry> entries, Optional<Path> source) {
    this.env = Map.copyOf(env);
    Map<String, SettingsEntry> byKey = new LinkedHashMap<>();
    for (SettingsEntry e : entries) {
      byKey.put(e.key(), e);
    }
    this.file = byKey;
    this.source = source;
  }

  /** The environment and, when given, the config file ({@link SettingsFile#read}). */
  public static Settings load(Optional<Path> configFile, Map<String, String> env) {
    List<SettingsEntry> entries = configFile.map(SettingsFile::read).orElse(List.of());
    return new Settings(env, entries, configFile);
  }

  /** The environment variable of {@code key} ({@code api-user} → {@code BM_API_USER}). */
  public static String envName(String key) {
    return "BM_" + key.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** The config file read, if any. */
  public Optional<Path> file() {
    return source;
  }

  /**
   * The value of {@code key}: its environment variable, else the file's {@code key}, else the
   * file's first {@code aliases} entry present.
   */
  public Optional<Value> lookup(String key, Collection<String> aliases) {
    String name = envName(key);
    String v = env.get(name);
    if (v != null) {
      return Optional.of(new Value(v.strip(), name));
    }
    SettingsEntry e = file.get(key);
    for (String alias : aliases) {
      if (e == null) {
        e = file.get(alias);
      }
    }
    return e == null ? Optional.empty() : Optional.of(new Value(e.value(), e.where()));
  }

  /**
   * Fails on the first file key that is not in {@code known} (option names without dashes, and
   * their aliases), suggesting the nearest known one.
   */
  public void requireKnown(Collection<String> known) {
    for (SettingsEntry e : file.values()) {
      if (!known.contains(e.key())) {
        String hint = nearest(e.key(), known).map(k -> " (did you mean " + k + "?)").orElse("");
        throw new SettingsException(
            e.where() + ": unknown key " + e.key() + hint + "; keys are the long option names");
      }
    }
  }

  private static Optional<String> nearest(String key, Collection<String> known) {
    String best = null;
    int bestDistance = 3; // suggest only close misspellings
    for (String k : known) {
      int d = distance(key, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
