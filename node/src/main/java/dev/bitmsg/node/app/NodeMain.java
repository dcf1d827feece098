package dev.bitmsg.node.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the node's commands ({@code ./bm node}, {@code ./bm address}, ...). */
@Command(
    name = "bm",
    mixinStandardHelpOptions = true,
    description = "Bitmessage node commands",
    subcommands = {
      NodeCommand.class,
      AddressCommand.class,
      ObjectCommand.class,
      DecryptCommand.class,
      NodeBenchCommand.class,
      ClientCommands.Send.class,
      ClientCommands.Inbox.class,
      ClientCommands.Read.class,
      ClientCommands.Sent.class,
      ClientCommands.PubkeyWork.class,
      ClientCommands.Status.class,
      AddressClientCommands.Addresses.class,
      AddressClientCommands.Subscribe.class,
      AddressClientCommands.Chan.class,
      AddressClientCommands.Resolve.class,
      NodeDemoCommand.class,
      HealthCommand.class
    })
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
    System.exit(CliSettings.execute(new CommandLine(new NodeMain()), args, System.getenv()));
  }
}
