package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.PowRules;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of the PoW commands ({@code ./bm pow}, {@code ./bm bench pow}, {@code ./bm demo},
 * {@code ./bm pow-service}). {@link #main} runs them under the network's {@link PowRules}; {@link
 * #commandLine} is the one place that hands rules to the commands.
 */
@Command(
    name = "bm",
    mixinStandardHelpOptions = true,
    description = "Proof-of-work commands",
    subcommands = {
      PowCommand.class,
      PowBenchCommand.class,
      PowDemoCommand.class,
      PowServiceCommand.class
    })
public final class PowMain implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The commands, each command that computes or checks proof of work given {@code rules}. */
  public static CommandLine commandLine(PowRules rules) {
    return new CommandLine(new PowMain(), new CommandFactory(rules));
  }

  public static void main(String[] args) {
    System.exit(CliSettings.execute(commandLine(PowRules.NETWORK), args, System.getenv()));
  }
}
