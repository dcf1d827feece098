package dev.bitmsg.node.testing;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.app.NodeSetup;
import dev.bitmsg.node.app.ObjectMaker;
import dev.bitmsg.node.messaging.MessagingSettings;
import dev.bitmsg.node.net.DandelionSettings;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.NetworkPowCheck;
import dev.bitmsg.node.net.PeerSettings;
import dev.bitmsg.node.net.PrivacySettings;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.testing.EasedPowRules;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Builds loopback-only test nodes: no bootstrap nodes configured at all, peers given explicitly,
 * short timers, and PoW rules eased by {@link #EASE_BITS} for everything the nodes make and check
 * ({@link #RULES}; everything else as in production). Nodes start through the composition root.
 */
public final class TestNetwork {
  public static final int EASE_BITS = 20;

  /** The PoW rules of every test node: the network's targets times 2^{@value #EASE_BITS}. */
  public static final PowRules RULES = new EasedPowRules(EASE_BITS);

  private TestNetwork() {}

  /** Network parameters of the real network minus the bootstrap list: tests never dial out. */
  public static NetworkParams params() {
    NetworkParams main = NetworkParams.mainnet("0.1.0");
    return new NetworkParams(
        main.defaultPort(),
        main.protocolVersion(),
        main.services(),
        main.streams(),
        main.userAgent(),
        List.of());
  }

  public static PeerSettings settings() {
    return PeerSettings.defaults()
        .withTimers(
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(5))
        .withIntervals(Duration.ofMillis(200), Duration.ofMillis(200))
        .withLoopbackAddrs(true)
        .withWorkerThreads(2);
  }

  /** Messaging settings of the loopback tests: production values, the sender loop every 200 ms. */
  public static MessagingSettings messaging() {
    return MessagingSettings.defaults().withCheckInterval(Duration.ofMillis(200));
  }

  /** The object check of a test node (for validators built outside a node). */
  public static NetworkPowCheck pow() {
    return new NetworkPowCheck(RULES);
  }

  public static ObjectMaker maker(long seed) {
    return new ObjectMaker(RULES, seed, 1);
  }

  /**
   * The privacy settings of a test node: production's (Dandelion++ on, so every network test runs
   * the stem and fluff paths) with fluff deadlines of a second or two instead of 10-40 s, so an
   * object stemmed away from a node's other peers still reaches them quickly.
   */
  public static PrivacySettings privacy() {
    return PrivacySettings.defaults()
        .withDandelion(
            DandelionSettings.defaults()
                .withFluffDelays(Duration.ofMillis(500), Duration.ofMillis(500)));
  }

  /** Port argument of {@link #start} meaning client-only. */
  public static final int CLIENT_ONLY = -1;

  /**
   * The config of a node listening on 127.0.0.1:{@code port} (0: ephemeral; {@link #CLIENT_ONLY}:
   * not listening), dialling only {@code connect}, without a PoW service.
   */
  public static NodeConfig config(
      Path dir, int port, List<HostPort> connect, PeerSettings settings) {
    return config(dir, port, connect, settings, privacy());
  }

  /** {@link #config} with privacy settings (proxy, onion, Dandelion, traffic limits). */
  public static NodeConfig config(
      Path dir, int port, List<HostPort> connect, PeerSettings settings, PrivacySettings privacy) {
    return new NodeConfig(
        dir,
        port == CLIENT_ONLY ? Optional.empty() : Optional.of(new HostPort("127.0.0.1", port)),
        connect,
        false,
        Optional.empty(),
        settings,
        Duration.ofMinutes(10),
        privacy);
  }

  /** A test node's setup: {@code config} on the test network with {@link #RULES}. */
  public static NodeSetup setup(NodeConfig config) {
    return NodeSetup.of(config, params(), RULES);
  }

  /** {@link #setup(NodeConfig)} of {@link #config}, with fast messaging ({@link #messaging()}). */
  public static NodeSetup setup(Path dir, int port, List<HostPort> connect) {
    return setup(config(dir, port, connect, settings())).withMessaging(messaging());
  }

  /** Starts a node of {@link #config} with default messaging settings on {@code clock}. */
  public static Node start(
      Path dir, int port, List<HostPort> connect, PeerSettings settings, Clock clock)
      throws IOException, InterruptedException {
    return NodeAssembly.start(setup(config(dir, port, connect, settings)).withClock(clock));
  }

  public static HostPort endpoint(Node node) {
    var a = node.listenAddress().orElseThrow();
    return new HostPort(a.getAddress().getHostAddress(), a.getPort());
  }
}
