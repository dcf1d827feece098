package dev.bitmsg.node.app;

import dev.bitmsg.settings.Settings;
import java.nio.file.Files;
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
 * The node commands' defaults from the one settings loader ({@link Settings}): a value comes from
 * the command-line flag, else the environment variable {@code BM_<NAME>} (the long option name
 * upper-cased, dashes as underscores: {@code --api-user} is {@code BM_API_USER}), else the config
 * file key {@code <name>} ({@code api-user = alice}), else the built-in default. The config file is
 * {@code --config FILE} (or {@code BM_CONFIG}), else {@code bitmsg.conf} in the data directory when
 * present. A few options also accept PyBitmessage's keys.dat name in the file ({@code
 * ackstealthlevel = 2} sets {@code --ack-stealth-level}). Remembers where each value it gave came
 * from, for error messages. Thread-safe.
 */
public final class ConfigDefaults implements IDefaultValueProvider {
  /** Options that a config file may also set under PyBitmessage's keys.dat name. */
  static final Map<String, String> PYBITMESSAGE_KEYS =
      Map.ofEntries(
          Map.entry("ack-stealth-level", "ackstealthlevel"),
          Map.entry("default-ttl", "ttl"),
          Map.entry("stop-resending-after-days", "stopresendingafterxdays"),
          Map.entry("stop-resending-after-months", "stopresendingafterxmonths"),
          Map.entry("max-acceptable-nonce-trials-per-byte", "maxacceptablenoncetrialsperbyte"),
          Map.entry(
              "max-acceptable-payload-length-extra-bytes", "maxacceptablepayloadlengthextrabytes"),
          Map.entry("notify-command", "apinotifypath"),
          Map.entry("max-upload-kbps", "maxuploadrate"),
          Map.entry("max-download-kbps", "maxdownloadrate"),
          Map.entry("onion-host", "onionhostname"),
          Map.entry("onion-port", "onionport"));

  private final Settings settings;
  private final Map<String, String> sources = new ConcurrentHashMap<>();

  ConfigDefaults(Settings settings) {
    this.settings = settings;
  }

  /**
   * Finds the config file from the raw arguments and the environment, and loads it.
   *
   * @throws dev.bitmsg.settings.SettingsException for a missing explicit file or a malformed line
   */
  public static ConfigDefaults load(String[] args, Map<String, String> env) {
    Optional<Path> explicit =
        flag(args, "--config").or(() -> Optional.ofNullable(env.get("BM_CONFIG"))).map(Path::of);
    Optional<Path> file = explicit;
    if (file.isEmpty()) {
      Optional<String> data =
          flag(args, "--data").or(() -> Optional.ofNullable(env.get("BM_DATA")));
      Path dir =
          data.map(Path::of).orElse(Path.of(System.getProperty("user.home"), ".bitmsg", "node"));
      Path candidate = dir.resolve("bitmsg.conf");
      file = Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }
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

  public Optional<Path> source() {
    return settings.file();
  }

  /** The settings behind these defaults (unknown-key checks). */
  Settings settings() {
    return settings;
  }

  /** The environment variable that sets option {@code --name}. */
  static String envName(String longName) {
    return Settings.envName(longName);
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
    String alias = PYBITMESSAGE_KEYS.get(name);
    Optional<Settings.Value> v = settings.lookup(name, alias == null ? List.of() : List.of(alias));
    v.ifPresent(value -> sources.put(name, value.source()));
    return v.map(Settings.Value::text).orElse(null);
  }
}
