package dev.bitmsg.node.testing;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.app.ObjectMaker;
import dev.bitmsg.node.messaging.MessagingSettings;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.NetworkPowCheck;
import dev.bitmsg.node.net.PeerSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Builds loopback-only test nodes: no bootstrap nodes configured at all, peers given explicitly,
 * short timers, and the PoW check eased by {@link #EASE_BITS} (everything else as in production).
 */
public final class TestNetwork {
  public static final int EASE_BITS = 20;

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
        .withOneInboundPerIp(false) // every test node connects from 127.0.0.1
        .withWorkerThreads(2);
  }

  public static NetworkPowCheck pow() {
    return NetworkPowCheck.eased(EASE_BITS);
  }

  /**
   * Messaging settings of the test nodes: PoW eased like {@link #pow()}, sender checks every 200
   * ms.
   */
  public static MessagingSettings messaging() {
    return MessagingSettings.defaults()
        .withEaseBits(EASE_BITS)
        .withCheckInterval(Duration.ofMillis(200));
  }

  public static ObjectMaker maker(long seed) {
    return new ObjectMaker(pow(), seed, 1);
  }

  /** Port argument of {@link #start} meaning client-only. */
  public static final int CLIENT_ONLY = -1;

  /**
   * A node listening on 127.0.0.1:{@code port} (0: ephemeral; {@link #CLIENT_ONLY}: not listening),
   * dialling only {@code connect}.
   */
  public static Node start(
      Path dir, int port, List<HostPort> connect, PeerSettings settings, Clock clock)
      throws InterruptedException {
    NodeConfig config =
        new NodeConfig(
            dir,
            port == CLIENT_ONLY ? Optional.empty() : Optional.of(new HostPort("127.0.0.1", port)),
            connect,
            false,
            Optional.empty(),
            Optional.empty(),
            settings,
            Duration.ofMinutes(10));
    return Node.start(config, params(), pow(), clock);
  }

  public static HostPort endpoint(Node node) {
    var a = node.listenAddress().orElseThrow();
    return new HostPort(a.getAddress().getHostAddress(), a.getPort());
  }
}
