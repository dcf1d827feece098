package dev.bitmsg.node.testing;

import dev.bitmsg.node.app.NodeMain;

/**
 * The node's commands with the test network's PoW rules ({@link TestNetwork#RULES}): what tests run
 * in a child JVM instead of {@link NodeMain}, so that {@code node} (and {@code demo}) start their
 * nodes through the same composition root as in production, only with cheaper proof of work.
 * Arguments as for {@link NodeMain}.
 */
public final class EasedNodeMain {
  private EasedNodeMain() {}

  public static void main(String[] args) {
    System.exit(NodeMain.execute(args, TestNetwork.RULES));
  }
}
