package dev.bitmsg.pow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the PoW commands ({@code ./bm pow}, {@code ./bm bench pow}, {@code ./bm demo}).
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
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(CliSettings.execute(new CommandLine(new PowMain()), args, System.getenv()));
  }
}
