package dev.bitmsg.node.app;

import java.util.Map;
import picocli.CommandLine;

/**
 * Parses {@code node} arguments as {@link NodeMain} does, defaults from the one settings loader.
 */
final class NodeCommandParser {
  private NodeCommandParser() {}

  /** The parsed {@code node} command for {@code args}, with {@code env} as the environment. */
  static NodeCommand parse(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "node";
    System.arraycopy(args, 0, all, 1, args.length);
    CommandLine cl = new CommandLine(new NodeMain());
    cl.setDefaultValueProvider(ConfigDefaults.load(all, env));
    CommandLine.ParseResult r = cl.parseArgs(all);
    return (NodeCommand) r.subcommand().commandSpec().userObject();
  }
}
