package dev.bitmsg.node.app;

import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.messaging.MessagingSettings;
import dev.bitmsg.node.messaging.MessagingStores;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.pow.PowProvider;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.web.WebSettings;
import dev.bitmsg.pow.PowRules;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
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
 * @param seams the clock and wrappers of the node's PoW provider and stores
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
   * What tests substitute: the clock, a wrapper of the PoW provider the node chose (to watch, hold
   * or slow the work), a wrapper of the messaging stores (to stop at a chosen point of the receive
   * path) and a look at the database once it is open (to limit its size). Production: the system
   * clock, no wrappers, no look. Immutable.
   *
   * @param storesWrapper applied to the stores before anything uses them
   * @param databaseOpened called with the node's database right after it is opened and checked
   */
  public record Seams(
      Clock clock,
      UnaryOperator<PowProvider> powWrapper,
      UnaryOperator<MessagingStores> storesWrapper,
      Consumer<SqliteDatabase> databaseOpened) {
    public static Seams production() {
      return new Seams(
          Clock.systemUTC(), UnaryOperator.identity(), UnaryOperator.identity(), db -> {});
    }

    Seams withClock(Clock c) {
      return new Seams(c, powWrapper, storesWrapper, databaseOpened);
    }

    Seams withPowWrapper(UnaryOperator<PowProvider> w) {
      return new Seams(clock, w, storesWrapper, databaseOpened);
    }

    Seams withStoresWrapper(UnaryOperator<MessagingStores> w) {
      return new Seams(clock, powWrapper, w, databaseOpened);
    }

    Seams withDatabaseOpened(Consumer<SqliteDatabase> c) {
      return new Seams(clock, powWrapper, storesWrapper, c);
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

  public NodeSetup withWeb(WebSettings settings) {
    return withInterfaces(interfaces.withWeb(settings));
  }

  public NodeSetup withEvents(HostPort endpoint) {
    return withInterfaces(interfaces.withEvents(endpoint));
  }

  public NodeSetup withMetrics(HostPort endpoint) {
    return withInterfaces(interfaces.withMetrics(endpoint));
  }

  public NodeSetup withClock(Clock clock) {
    return withSeams(seams.withClock(clock));
  }

  public NodeSetup withPowWrapper(UnaryOperator<PowProvider> wrapper) {
    return withSeams(seams.withPowWrapper(wrapper));
  }

  /** The node's messaging stores wrapped by {@code wrapper} (a test's hook in the receive path). */
  public NodeSetup withStoresWrapper(UnaryOperator<MessagingStores> wrapper) {
    return withSeams(seams.withStoresWrapper(wrapper));
  }

  /** {@code hook} sees the node's database once it is open (a test limits its size). */
  public NodeSetup withDatabaseOpened(Consumer<SqliteDatabase> hook) {
    return withSeams(seams.withDatabaseOpened(hook));
  }

  private NodeSetup withSeams(Seams s) {
    return new NodeSetup(config, params, powRules, messaging, keyPassphrase, interfaces, s);
  }
}
