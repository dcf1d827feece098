package dev.bitmsg.pow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bm pow}: the proof-of-work formulas and searches. */
@Command(
    name = "pow",
    mixinStandardHelpOptions = true,
    description = "Proof-of-work targets, searches and checks",
    subcommands = {
      TargetCommand.class,
      SolveCommand.class,
      ValidateCommand.class,
      HealthCommand.class
    })
public final class PowCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
