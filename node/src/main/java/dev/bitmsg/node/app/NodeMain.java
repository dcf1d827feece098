package dev.bitmsg.node.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the node's commands ({@code ./bm node}, {@code ./bm address}, ...). */
@Command(
    name = "bm",
    mixinStandardHelpOptions = true,
    description = "Bitmessage node commands",
    subcommands = {AddressCommand.class, DecryptCommand.class, ObjectCommand.class})
public final class NodeMain implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new NodeMain()).execute(args));
  }
}
