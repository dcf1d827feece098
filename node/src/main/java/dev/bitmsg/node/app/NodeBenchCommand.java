package dev.bitmsg.node.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bm bench}: node benchmarks ({@code ingest}, {@code decrypt}, {@code tls}, {@code peers},
 * {@code mailbox}, {@code traffic}).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Node benchmarks",
    subcommands = {
      IngestBenchCommand.class,
      DecryptBenchCommand.class,
      TlsBenchCommand.class,
      PeersBenchCommand.class,
      MailboxBenchCommand.class,
      TrafficBenchCommand.class
    })
public final class NodeBenchCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
