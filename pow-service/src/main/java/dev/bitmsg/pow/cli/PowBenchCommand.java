package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.opencl.DeviceBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bm bench}: benchmarks of this process. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks",
    subcommands = {BenchPowCommand.class, BenchServiceCommand.class, DeviceBench.class})
public final class PowBenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
