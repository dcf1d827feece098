package dev.bitmsg.node.pow;

import dev.bitmsg.node.app.NodeConfig;

/** Chooses the node's {@link PowProvider} from its configuration. Stateless. */
public final class PowProviders {
  private PowProviders() {}

  /** The embedded CPU engine on all cores (the remote service comes with the pow-proto client). */
  public static PowProvider forConfig(NodeConfig config) {
    return EnginePowProvider.cpu(Runtime.getRuntime().availableProcessors());
  }
}
