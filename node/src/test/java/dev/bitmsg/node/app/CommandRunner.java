package dev.bitmsg.node.app;

import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.pow.PowRules;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;

/** Runs {@link NodeMain} in-process with captured output and a seeded crypto suite. */
final class CommandRunner {
  record Result(int exit, String out, String err) {
    String lastLine() {
      String[] lines = out.strip().split("\n", -1);
      return lines[lines.length - 1];
    }
  }

  private CommandRunner() {}

  static Result run(long seed, String... args) {
    return run(seed, PowRules.NETWORK, args);
  }

  /**
   * {@link #run(String...)} with {@code rules} for the nodes that {@code node} or {@code demo}
   * start.
   */
  static Result run(PowRules rules, String... args) {
    return run(1, rules, args);
  }

  /** A command running on its own thread, its output readable while it runs. */
  static final class Running {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Thread thread;
    final AtomicInteger exit = new AtomicInteger(Integer.MIN_VALUE);

    private Running(PowRules rules, String... args) {
      CommandLine cl = commandLine(1, rules);
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      thread = new Thread(() -> exit.set(cl.execute(args)), "command-runner");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /**
   * Starts a command that keeps running (e.g. {@code demo --web}); interrupt its thread to stop.
   */
  static Running start(PowRules rules, String... args) {
    return new Running(rules, args);
  }

  private static Result run(long seed, PowRules rules, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = commandLine(seed, rules);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private static CommandLine commandLine(long seed, PowRules rules) {
    CryptoSuite suite = BcCryptoSuite.create(new SeededRandomSource(seed));
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            if (cls == NodeCommand.class) {
              return cls.cast(new NodeCommand(rules));
            }
            if (cls == NodeDemoCommand.class) {
              return cls.cast(new NodeDemoCommand(rules));
            }
            try {
              Constructor<K> c = cls.getDeclaredConstructor(CryptoSuite.class);
              return c.newInstance(suite);
            } catch (NoSuchMethodException e) {
              return CommandLine.defaultFactory().create(cls);
            }
          }
        };
    return new CommandLine(new NodeMain(), factory);
  }

  static Result run(String... args) {
    return run(1, args);
  }
}
