package dev.bitmsg.node.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the node's commands ({@code ./bm node}, {@code ./bm address}, ...). */
@Command(
    name = "bm",
    mixinStandardHelpOptions = true,
    description = "Bitmessage node commands",
    subcommands = {ObjectCommand.class, NodeCommand.class, BenchCommand.class})
public final class NodeMain implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The version in the user agent: the jar's implementation version, else the build's. */
  static String softwareVersion() {
    String v = NodeMain.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v.replace("-SNAPSHOT", "");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new NodeMain()).execute(args));
  }
}
