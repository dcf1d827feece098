package dev.bitmsg.node.app;

import dev.bitmsg.node.crypto.bc.BcTlsContexts;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.NetworkPowCheck;
import dev.bitmsg.node.net.PeerSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bm node}: runs a Bitmessage node until stopped (SIGTERM or Ctrl-C shut it down cleanly). */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a Bitmessage node: syncs, stores and relays objects of stream 1.",
      "Advertises NODE_NETWORK and NODE_SSL (TLS with peers that advertise it too; --no-tls turns it off),",
      "no Dandelion. Stops cleanly on SIGTERM."
    })
public final class NodeCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: ${DEFAULT-VALUE}).",
      defaultValue = "${sys:user.home}/.bitmsg/node")
  Path data;

  static final class ListenMode {
    @Option(names = "--listen", paramLabel = "ADDR:PORT",
        description = "Listen address (default 0.0.0.0:" + NodeConfig.DEFAULT_PORT + ").")
    String listen;

    @Option(names = "--client-only", description = "Do not listen; outbound connections only (still syncs every object).")
    boolean clientOnly;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  ListenMode listenMode;

  @Option(names = "--connect", paramLabel = "HOST:PORT",
      description = "Dial only these peers (repeatable); disables dialling known/bootstrap nodes.")
  List<String> connect = new ArrayList<>();

  @Option(names = "--no-bootstrap", description = "Never dial the built-in bootstrap nodes.")
  boolean noBootstrap;

  @Option(names = "--pow-service", paramLabel = "HOST:PORT",
      description = "Remote PoW service. Accepted and stored for sending messages (a later feature); the node does no PoW yet.")
  String powService;

  @Option(names = "--pow-token", paramLabel = "T", description = "Token for --pow-service.")
  String powToken;

  @Option(names = "--max-outbound", paramLabel = "N", description = "Outbound connections (default: ${DEFAULT-VALUE}).",
      defaultValue = "8")
  int maxOutbound;

  @Option(names = "--max-inbound", paramLabel = "N", description = "Inbound connection cap (default: ${DEFAULT-VALUE}).",
      defaultValue = "64")
  int maxInbound;

  @Option(names = "--no-tls",
      description = "Do not advertise NODE_SSL: every connection stays plaintext (default: TLS with peers that advertise NODE_SSL).")
  boolean noTls;

  @Option(names = "--accept-local-addrs", hidden = true,
      description = "Keep loopback/private addresses from addr gossip and allow several inbound"
          + " connections from one address (local test networks only).")
  boolean acceptLocalAddrs;

  @Option(names = "--test-pow-ease", hidden = true, paramLabel = "BITS", defaultValue = "0",
      description = "Multiply the PoW target by 2^BITS (testing only; never on the real network).")
  int testPowEase;

  @Override
  public Integer call() throws Exception {
    // Global and read once by the TLS providers: relax it before any TLS class loads.
    BcTlsContexts.allowAnonymousEcdh();
    NodeConfig config = config();
    NetworkParams params = params();
    Node node = Node.start(config, params,
        testPowEase == 0 ? NetworkPowCheck.network() : NetworkPowCheck.eased(testPowEase),
        Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "bitmsg-shutdown"));
    stopped.await();
    return 0;
  }

  /** The real network's parameters; {@code --no-tls} drops NODE_SSL and with it all TLS. */
  NetworkParams params() {
    return NetworkParams.mainnet(NodeMain.softwareVersion()).withTls(!noTls);
  }

  NodeConfig config() {
    Optional<HostPort> listen;
    if (listenMode != null && listenMode.clientOnly) {
      listen = Optional.empty();
    } else if (listenMode != null && listenMode.listen != null) {
      listen = Optional.of(HostPort.parse(listenMode.listen));
    } else {
      listen = Optional.of(new HostPort("0.0.0.0", NodeConfig.DEFAULT_PORT));
    }
    List<HostPort> peers = new ArrayList<>();
    for (String c : connect) {
      peers.add(HostPort.parse(c));
    }
    PeerSettings settings = PeerSettings.defaults()
        .withLimits(maxOutbound, maxInbound, PeerSettings.defaults().maxInFlightPerPeer(),
            PeerSettings.defaults().maxPendingPerPeer())
        .withLoopbackAddrs(acceptLocalAddrs)
        // Local multi-node setups connect many nodes from one address.
        .withOneInboundPerIp(!acceptLocalAddrs);
    return new NodeConfig(data, listen, peers, !noBootstrap,
        Optional.ofNullable(powService).map(HostPort::parse), Optional.ofNullable(powToken),
        settings, Duration.ofMinutes(10));
  }
}
