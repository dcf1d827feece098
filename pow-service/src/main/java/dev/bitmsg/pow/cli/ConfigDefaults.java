package dev.bitmsg.pow.cli;

import dev.bitmsg.settings.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The PoW commands' defaults from the one settings loader ({@link Settings}), as for the node: a
 * value comes from the flag, else {@code BM_<NAME>} ({@code --max-job-seconds} is {@code
 * BM_MAX_JOB_SECONDS}), else the config file ({@code --config FILE} or {@code BM_CONFIG}; {@code
 * max-job-seconds = 600}), else the built-in default. Remembers where each value it gave came from,
 * for error messages. Thread-safe.
 */
public final class ConfigDefaults implements IDefaultValueProvider {
  /** The PoW commands take no keys.dat names. */
  static final Map<String, String> PYBITMESSAGE_KEYS = Map.of();

  private final Settings settings;
  private final Map<String, String> sources = new ConcurrentHashMap<>();

  ConfigDefaults(Settings settings) {
    this.settings = settings;
  }

  /**
   * Loads the config file named by {@code --config} in the raw arguments or {@code BM_CONFIG}.
   *
   * @throws dev.bitmsg.settings.SettingsException for a missing file or a malformed line
   */
  public static ConfigDefaults load(String[] args, Map<String, String> env) {
    Optional<Path> file =
        flag(args, "--config").or(() -> Optional.ofNullable(env.get("BM_CONFIG"))).map(Path::of);
    return new ConfigDefaults(Settings.load(file, env));
  }

  private static Optional<String> flag(String[] args, String name) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(name) && i + 1 < args.length) {
        return Optional.of(args[i + 1]);
      }
      if (args[i].startsWith(name + "=")) {
        return Optional.of(args[i].substring(name.length() + 1));
      }
    }
    return Optional.empty();
  }

  Settings settings() {
    return settings;
  }

  /** Where the value given for {@code --name} came from ({@code BM_X} or {@code FILE:LINE}). */
  Optional<String> sourceOf(String longName) {
    return Optional.ofNullable(sources.get(longName.replaceFirst("^-+", "")));
  }

  @Override
  public @Nullable String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec o) || !o.longestName().startsWith("--")) {
      return null;
    }
    String name = o.longestName().substring(2);
    if (name.equals("help") || name.equals("version") || name.equals("config")) {
      return null;
    }
    Optional<Settings.Value> v = settings.lookup(name, List.of());
    v.ifPresent(value -> sources.put(name, value.source()));
    return v.map(Settings.Value::text).orElse(null);
  }
}
