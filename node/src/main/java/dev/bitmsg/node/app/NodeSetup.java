package dev.bitmsg.node.app;

import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.messaging.MessagingSettings;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.pow.PowProvider;
import dev.bitmsg.pow.PowRules;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything {@link NodeAssembly#start} builds a node from. Production: {@code bm node}'s options,
 * the real network's parameters and {@link PowRules#NETWORK}; tests substitute their network, eased
 * rules, a clock or a PoW wrapper through the same record, never through options of the command.
 * Immutable.
 *
 * @param config data directory, connections, PoW service, peer limits
 * @param params the network's constants (magic, services, bootstrap nodes)
 * @param powRules the one set of PoW rules for everything the node makes and checks
 * @param messaging settings of the messaging layer
 * @param keyPassphrase seals private keys at rest (required once set)
 * @param interfaces API, push stream and metrics
 * @param seams the clock and a wrapper of the node's PoW provider
 */
public record NodeSetup(
    NodeConfig config,
    NetworkParams params,
    PowRules powRules,
    MessagingSettings messaging,
    Optional<char[]> keyPassphrase,
    NodeInterfaces interfaces,
    Seams seams) {

  /**
   * What tests substitute: the clock, and a wrapper of the PoW provider the node chose (to watch,
   * hold or slow the work). Production: the system clock and no wrapper. Immutable.
   */
  public record Seams(Clock clock, UnaryOperator<PowProvider> powWrapper) {
    public static Seams production() {
      return new Seams(Clock.systemUTC(), UnaryOperator.identity());
    }
  }

  /** A node with default messaging settings, no key passphrase, no interfaces, no seams. */
  public static NodeSetup of(NodeConfig config, NetworkParams params, PowRules powRules) {
    return new NodeSetup(
        config,
        params,
        powRules,
        MessagingSettings.defaults(),
        Optional.empty(),
        NodeInterfaces.none(NodeMain.softwareVersion()),
        Seams.production());
  }

  public NodeSetup withMessaging(MessagingSettings settings) {
    return new NodeSetup(config, params, powRules, settings, keyPassphrase, interfaces, seams);
  }

  public NodeSetup withKeyPassphrase(Optional<char[]> passphrase) {
    return new NodeSetup(config, params, powRules, messaging, passphrase, interfaces, seams);
  }

  public NodeSetup withInterfaces(NodeInterfaces i) {
    return new NodeSetup(config, params, powRules, messaging, keyPassphrase, i, seams);
  }

  public NodeSetup withApi(ApiSettings settings) {
    return withInterfaces(interfaces.withApi(settings));
  }

  public NodeSetup withEvents(HostPort endpoint) {
    return withInterfaces(interfaces.withEvents(endpoint));
  }

  public NodeSetup withMetrics(HostPort endpoint) {
    return withInterfaces(interfaces.withMetrics(endpoint));
  }

  public NodeSetup withClock(Clock clock) {
    return new NodeSetup(
        config,
        params,
        powRules,
        messaging,
        keyPassphrase,
        interfaces,
        new Seams(clock, seams.powWrapper()));
  }

  public NodeSetup withPowWrapper(UnaryOperator<PowProvider> wrapper) {
    return new NodeSetup(
        config,
        params,
        powRules,
        messaging,
        keyPassphrase,
        interfaces,
        new Seams(seams.clock(), wrapper));
  }
}
