package dev.bitmsg.node.app;

import dev.bitmsg.pow.PowRules;
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
      ImportCommand.class,
      ExportCommand.class,
      ListClientCommands.Cancel.class,
      ListClientCommands.Blacklist.class,
      ListClientCommands.Whitelist.class,
      ListClientCommands.Mode.class,
      ListClientCommands.MailingList.class,
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
    System.exit(execute(args, PowRules.NETWORK));
  }

  /**
   * Runs the command {@code args} names, with defaults from the config file and the environment,
   * and {@code powRules} as the PoW rules of the nodes that {@code node} and {@code demo} start:
   * {@link PowRules#NETWORK} from {@link #main}; a test's main class passes a test network's rules.
   * Returns the exit status.
   */
  public static int execute(String[] args, PowRules powRules) {
    return CliSettings.execute(
        new CommandLine(new NodeMain(), new Factory(powRules)), args, System.getenv());
  }

  /** Makes the commands that start nodes with the given PoW rules, the others as picocli does. */
  private record Factory(PowRules powRules) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == NodeCommand.class) {
        return cls.cast(new NodeCommand(powRules));
      }
      if (cls == NodeDemoCommand.class) {
        return cls.cast(new NodeDemoCommand(powRules));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
