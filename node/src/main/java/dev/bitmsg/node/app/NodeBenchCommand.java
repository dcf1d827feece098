package dev.bitmsg.node.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bm bench}: node benchmarks ({@code ingest}, {@code decrypt}, {@code tls}, {@code peers}).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Node benchmarks",
    subcommands = {
      IngestBenchCommand.class,
      DecryptBenchCommand.class,
      TlsBenchCommand.class,
      PeersBenchCommand.class
    })
public final class NodeBenchCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
