package dev.bitmsg.node.app;

import dev.bitmsg.settings.BuildInfo;
import dev.bitmsg.settings.HostPortSyntax;
import dev.bitmsg.settings.SettingsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Puts the settings loader, {@code --version} and one-line errors on the node's command line: a
 * config file with an unknown key or a malformed line, a bad flag or setting value (numbers, {@code
 * HOST:PORT}s, files) and I/O failures at start (an address in use) print one line naming the
 * option and where its value came from, and exit with status 2 (1 for I/O failures), never a stack
 * trace. Stateless.
 */
final class CliSettings {
  static final int USAGE = 2;
  static final int FAILED = 1;

  private CliSettings() {}

  /** Runs {@code args} on {@code cl} with the settings of {@code env}; returns the exit status. */
  static int execute(CommandLine cl, String[] args, Map<String, String> env) {
    try {
      configure(cl, args, env);
    } catch (SettingsException e) {
      cl.getErr().println("bm: " + e.getMessage());
      return USAGE;
    }
    return cl.execute(args);
  }

  /**
   * Loads the settings for {@code args} and puts them, the version and the error handling on {@code
   * cl}.
   *
   * @throws SettingsException for a config file that is missing, malformed or has unknown keys
   */
  static ConfigDefaults configure(CommandLine cl, String[] args, Map<String, String> env) {
    ConfigDefaults defaults = ConfigDefaults.load(args, env);
    List<String> known = new ArrayList<>(optionNames(cl));
    known.addAll(ConfigDefaults.PYBITMESSAGE_KEYS.values());
    defaults.settings().requireKnown(known);
    cl.setDefaultValueProvider(defaults);
    version(cl, BuildInfo.current().lines("node"));
    cl.setParameterExceptionHandler((ex, a) -> parameterError(ex, defaults));
    cl.setExecutionExceptionHandler((ex, c, parsed) -> executionError(ex, c));
    cl.setExecutionStrategy(
        parsed -> {
          checkAddresses(parsed, defaults);
          return new CommandLine.RunLast().execute(parsed);
        });
    return defaults;
  }

  /** Every long option name (without dashes) of {@code cl} and its subcommands. */
  static Set<String> optionNames(CommandLine cl) {
    Set<String> names = new HashSet<>();
    collect(cl, names);
    return names;
  }

  private static void collect(CommandLine cl, Collection<String> names) {
    for (OptionSpec o : cl.getCommandSpec().options()) {
      for (String n : o.names()) {
        if (n.startsWith("--")) {
          names.add(n.substring(2));
        }
      }
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      collect(sub, names);
    }
  }

  /** The same version text on every (sub)command. */
  private static void version(CommandLine cl, List<String> lines) {
    cl.getCommandSpec().version(lines.toArray(String[]::new));
    for (CommandLine sub : cl.getSubcommands().values()) {
      version(sub, lines);
    }
  }

  private static String where(String option, ConfigDefaults defaults) {
    return defaults.sourceOf(option).map(s -> " (from " + s + ")").orElse("");
  }

  private static int parameterError(ParameterException ex, ConfigDefaults defaults) {
    CommandLine c = ex.getCommandLine();
    String from = "";
    if (ex.getArgSpec() instanceof OptionSpec o) {
      from = where(o.longestName(), defaults);
    }
    String name = c.getCommandSpec().qualifiedName();
    c.getErr().println(name + ": " + ex.getMessage() + from + " (see '" + name + " --help')");
    return USAGE;
  }

  /** Checks every {@code ADDR:PORT}/{@code HOST:PORT} option before the command runs. */
  static void checkAddresses(ParseResult parsed, ConfigDefaults defaults) {
    ParseResult last = parsed;
    while (last.subcommand() != null) {
      last = last.subcommand();
    }
    CommandSpec spec = last.commandSpec();
    for (OptionSpec o : spec.options()) {
      if (!o.paramLabel().endsWith(":PORT")) {
        continue;
      }
      Object value = o.getValue();
      List<Object> values =
          value instanceof Collection<?> c ? new ArrayList<>(c) : new ArrayList<>();
      if (value != null && !(value instanceof Collection<?>)) {
        values.add(value);
      }
      for (Object v : values) {
        String problem = HostPortSyntax.problem(String.valueOf(v));
        if (!problem.isEmpty()) {
          throw new ParameterException(
              spec.commandLine(), o.longestName() + ": " + problem, o, String.valueOf(v));
        }
      }
    }
  }

  private static int executionError(Exception ex, CommandLine c) throws Exception {
    PrintWriter err = c.getErr();
    String name = c.getCommandSpec().qualifiedName() + ": ";
    if (ex instanceof IllegalArgumentException) {
      err.println(name + ex.getMessage());
      return USAGE;
    }
    if (ex instanceof IOException) {
      err.println(name + describe(ex));
      return FAILED;
    }
    if (ex instanceof UncheckedIOException u) {
      err.println(name + describe(u.getCause()));
      return FAILED;
    }
    throw ex;
  }

  private static String describe(@Nullable Throwable e) {
    if (e == null) {
      return "I/O error";
    }
    String m = Optional.ofNullable(e.getMessage()).orElse("");
    return e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
  }
}
