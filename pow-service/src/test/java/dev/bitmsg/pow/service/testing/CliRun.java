package dev.bitmsg.pow.service.testing;

import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.cli.PowMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs the PoW commands ({@link PowMain}) in-process and captures the exit code, stdout and stderr.
 */
public record CliRun(int exitCode, String out, String err) {
  /** Runs {@code args} under the network's rules, as {@code ./bm} does. */
  public static CliRun of(String... args) {
    return with(PowRules.NETWORK, args);
  }

  /** Runs {@code args} with the commands wired to {@code rules}. */
  public static CliRun with(PowRules rules, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = PowMain.commandLine(rules);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
