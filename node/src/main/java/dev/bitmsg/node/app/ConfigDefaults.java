package dev.bitmsg.node.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one settings loader of the commands: a value comes from the command-line flag, else the
 * environment variable {@code BM_<NAME>} (the long option name upper-cased, dashes as underscores:
 * {@code --api-user} is {@code BM_API_USER}), else the config file key {@code <name>} ({@code
 * api-user = alice}, Java properties syntax), else the built-in default. The config file is {@code
 * --config FILE} (or {@code BM_CONFIG}), else {@code bitmsg.conf} in the data directory when
 * present. A few options also accept PyBitmessage's keys.dat name in the file ({@code
 * ackstealthlevel = 2} sets {@code --ack-stealth-level}). Immutable.
 */
public final class ConfigDefaults implements IDefaultValueProvider {
  /** Options that a config file may also set under PyBitmessage's keys.dat name. */
  static final Map<String, String> PYBITMESSAGE_KEYS =
      Map.of(
          "ack-stealth-level", "ackstealthlevel",
          "default-ttl", "ttl",
          "stop-resending-after-days", "stopresendingafterxdays",
          "stop-resending-after-months", "stopresendingafterxmonths",
          "max-acceptable-nonce-trials-per-byte", "maxacceptablenoncetrialsperbyte",
          "max-acceptable-payload-length-extra-bytes", "maxacceptablepayloadlengthextrabytes",
          "notify-command", "apinotifypath");

  private final Map<String, String> env;
  private final Properties file;
  private final Optional<Path> source;

  ConfigDefaults(Map<String, String> env, Properties file, Optional<Path> source) {
    this.env = Map.copyOf(env);
    this.file = file;
    this.source = source;
  }

  /** Finds the config file from the raw arguments and the environment, and loads it. */
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
    Properties p = new Properties();
    if (file.isPresent()) {
      try (Reader r = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read config file " + file.get(), e);
      }
    }
    return new ConfigDefaults(env, p, file);
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
    return source;
  }

  /** The environment variable that sets option {@code --name}. */
  static String envName(String longName) {
    return "BM_" + longName.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
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
    String v = env.get(envName(name));
    if (v == null) {
      v = file.getProperty(name);
    }
    if (v == null && PYBITMESSAGE_KEYS.containsKey(name)) {
      v = file.getProperty(PYBITMESSAGE_KEYS.get(name));
    }
    if (v != null) {
      return v.strip();
    }
    return null;
  }
}
