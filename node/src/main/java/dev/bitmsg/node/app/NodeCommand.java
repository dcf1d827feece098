package dev.bitmsg.node.app;

import dev.bitmsg.node.api.ApiCredentials;
import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.messaging.MessagingSettings;
import dev.bitmsg.node.net.DandelionSettings;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.OnionName;
import dev.bitmsg.node.net.PeerSettings;
import dev.bitmsg.node.net.PrivacySettings;
import dev.bitmsg.node.net.Socks5Proxy;
import dev.bitmsg.node.net.TrafficLimits;
import dev.bitmsg.node.store.StoreCorruptException;
import dev.bitmsg.node.store.StoreException;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.settings.SecretFile;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bm node}: runs a Bitmessage node until stopped (SIGTERM, Ctrl-C or the API's shutdown call
 * shut it down cleanly).
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a Bitmessage node: syncs, stores and relays objects of stream 1.",
      "Advertises NODE_NETWORK, NODE_SSL (TLS with peers that advertise it too; --no-tls turns it off)",
      "and NODE_DANDELION (own objects stem to one peer before they fluff; --no-dandelion turns it off).",
      "With --socks5 every outbound connection goes through the proxy (Tor). Stops cleanly on SIGTERM",
      "or the API's shutdown call."
    })
public final class NodeCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default: ${DEFAULT-VALUE}).",
      defaultValue = "${sys:user.home}/.bitmsg/node")
  Path data;

  static final class ListenMode {
    @Option(
        names = "--listen",
        paramLabel = "ADDR:PORT",
        description = "Listen address (default 0.0.0.0:" + NodeConfig.DEFAULT_PORT + ").")
    String listen;

    @Option(
        names = "--client-only",
        description = "Do not listen; outbound connections only (still syncs every object).")
    boolean clientOnly;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  @Nullable ListenMode listenMode;

  @Option(
      names = "--connect",
      paramLabel = "HOST:PORT",
      description = "Dial only these peers (repeatable); disables dialling known/bootstrap nodes.")
  List<String> connect = new ArrayList<>();

  @Option(names = "--no-bootstrap", description = "Never dial the built-in bootstrap nodes.")
  boolean noBootstrap;

  @Mixin PowServiceOptions pow = new PowServiceOptions();

  @Option(
      names = "--max-outbound",
      paramLabel = "N",
      description = "Outbound connections (default: ${DEFAULT-VALUE}).",
      defaultValue = "8")
  int maxOutbound;

  @Option(
      names = "--max-inbound",
      paramLabel = "N",
      description = "Inbound connection cap (default: ${DEFAULT-VALUE}).",
      defaultValue = "64")
  int maxInbound;

  @Option(
      names = "--no-tls",
      description =
          "Do not advertise NODE_SSL: every connection stays plaintext (default: TLS with peers that advertise NODE_SSL).")
  boolean noTls;

  @Option(
      names = "--socks5",
      paramLabel = "HOST:PORT",
      description =
          "Dial every peer through this SOCKS5 proxy (Tor: 127.0.0.1:9050); names and .onion hosts"
              + " are resolved by the proxy, never here. Without --listen or --onion-host the node"
              + " does not listen.")
  String socks5;

  @Option(
      names = "--socks5-user",
      paramLabel = "USER",
      description =
          "User name for the proxy (with --socks5-password). Without one each peer gets its own"
              + " credentials, so Tor isolates every peer on its own circuit.")
  String socks5User;

  @Option(
      names = "--socks5-password",
      paramLabel = "PW",
      description = "Password for the proxy (with --socks5-user).")
  String socks5Password;

  @Option(
      names = "--onion-only",
      description =
          "Dial .onion peers only (needs --socks5); clearnet addresses are never dialled.")
  boolean onionOnly;

  @Option(
      names = "--onion-host",
      paramLabel = "NAME.onion",
      description =
          "Our onion service (Tor HiddenServicePort to our listen port): advertised to the network,"
              + " never dialled; the node listens on 127.0.0.1:8444 unless --listen says otherwise.")
  String onionHost;

  @Option(
      names = "--onion-port",
      paramLabel = "PORT",
      defaultValue = "8444",
      description =
          "The port of our onion service as peers dial it (PyBitmessage onionport; default: ${DEFAULT-VALUE}).")
  int onionPort;

  @Option(
      names = "--no-dandelion",
      description =
          "Announce own objects to every peer at once (default: Dandelion++, as PyBitmessage: stem to"
              + " one peer, fluff after 10 s + an exponential 30 s on average).")
  boolean noDandelion;

  @Option(
      names = "--max-upload-kbps",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Upload limit over all peers in kilobytes (1024 bytes) per second, as PyBitmessage's"
              + " maxuploadrate (default: ${DEFAULT-VALUE}, unlimited).")
  long maxUploadKbps;

  @Option(
      names = "--max-download-kbps",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Download limit over all peers in kilobytes (1024 bytes) per second, as PyBitmessage's"
              + " maxdownloadrate (default: ${DEFAULT-VALUE}, unlimited).")
  long maxDownloadKbps;

  @Option(
      names = "--accept-local-addrs",
      hidden = true,
      description = "Keep loopback/private addresses from addr gossip (local test networks only).")
  boolean acceptLocalAddrs;

  @Option(
      names = "--ack-stealth-level",
      paramLabel = "0|1|2",
      defaultValue = "0",
      description =
          "Shape of the acks in sent msgs (PyBitmessage ackstealthlevel): 0 small msg, 1 getpubkey-like,"
              + " 2 msg with a real encrypted blob of 234..800 bytes (default: ${DEFAULT-VALUE}).")
  int ackStealthLevel;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Config file (Java properties, keys = long option names; default: bitmsg.conf in the data directory). "
              + "Precedence: flag, then environment BM_<OPTION>, then this file, then the default.")
  Path configFile;

  @Option(
      names = "--api",
      paramLabel = "ADDR:PORT",
      description = "Serve the PyBitmessage-compatible client API here (e.g. 127.0.0.1:8442).")
  String api;

  @Option(
      names = "--api-user",
      paramLabel = "USER",
      defaultValue = "bitmsg",
      description = "API user name (default: ${DEFAULT-VALUE}).")
  String apiUser;

  @Option(
      names = "--api-password",
      paramLabel = "PW",
      description =
          "API password (visible in ps: prefer --api-password-file or BM_API_PASSWORD); without one"
              + " the node makes one and stores it in DATA/api.conf (owner-only).")
  String apiPassword;

  @Option(
      names = "--api-password-file",
      paramLabel = "FILE",
      description = "File whose first line is the API password.")
  Path apiPasswordFile;

  @Option(
      names = "--api-variant",
      paramLabel = "xml|json|legacy",
      defaultValue = "xml",
      description = {
        "XML-RPC (PyBitmessage's default), JSON-RPC, or legacy: XML-RPC with results as JSON",
        "texts and errors as strings, as PyBitmessage's own CLI expects (default: ${DEFAULT-VALUE})."
      })
  String apiVariant;

  @Option(
      names = "--api-allow-remote",
      description =
          "Allow the API on a non-loopback address (it has no TLS: put a TLS proxy in front).")
  boolean apiAllowRemote;

  @Option(
      names = "--key-passphrase-file",
      paramLabel = "FILE",
      description =
          "Seal private keys at rest with the passphrase in FILE (first line); required once set.")
  Path keyPassphraseFile;

  @Option(
      names = "--metrics",
      paramLabel = "ADDR:PORT",
      description = "Serve Prometheus /metrics here (e.g. 127.0.0.1:9464).")
  String metrics;

  @Option(
      names = "--events",
      paramLabel = "ADDR:PORT",
      description =
          "Serve the gRPC push stream (bitmessage.node.v1.NodeEvents) here; needs --api (same credentials).")
  String events;

  @Mixin MessagingOptions messagingOptions = new MessagingOptions();

  @Mixin WebOptions webOptions = new WebOptions();

  private final PowRules powRules;

  /** The command as {@code bm node} runs it: the real network's PoW rules. */
  public NodeCommand() {
    this(PowRules.NETWORK);
  }

  /**
   * The command with other PoW rules for the node it starts (a test network's eased rules, handed
   * in by a test's main class; there is no option for it).
   */
  public NodeCommand(PowRules powRules) {
    this.powRules = powRules;
  }

  MessagingSettings messagingSettings() {
    if (ackStealthLevel < 0 || ackStealthLevel > 2) {
      throw new IllegalArgumentException(
          "--ack-stealth-level must be 0, 1 or 2, got " + ackStealthLevel);
    }
    return messagingOptions.apply(
        MessagingSettings.defaults().withAckStealthLevel(ackStealthLevel));
  }

  @Override
  public Integer call() throws Exception {
    NodeConfig config = config();
    Optional<ApiSettings> apiSettings = apiSettings();
    Optional<char[]> keyPassphrase = Optional.empty();
    if (keyPassphraseFile != null) {
      keyPassphrase =
          Optional.of(SecretFile.read("key-passphrase-file", keyPassphraseFile).toCharArray());
    }
    NodeShutdown shutdown = new NodeShutdown();
    NodeInterfaces interfaces =
        new NodeInterfaces(
            apiSettings,
            endpoint(events),
            endpoint(metrics),
            NodeMain.softwareVersion(),
            Optional.of(shutdown::request),
            messagingOptions.notifySettings(),
            webOptions.settings(apiSettings));
    NodeSetup setup =
        NodeSetup.of(config, params(), powRules)
            .withMessaging(messagingSettings())
            .withKeyPassphrase(keyPassphrase)
            .withInterfaces(interfaces);
    Node node;
    try {
      node = NodeAssembly.start(setup);
    } catch (DataDirLock.InUseException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } catch (StoreException e) {
      // A damaged or unusable database: one line naming the file and what to do, no stack trace.
      System.err.println("bm node: " + oneLine(e));
      return 2;
    }
    shutdown.started(node);
    try {
      printInterfaces(node, config, apiSettings);
    } catch (RuntimeException e) {
      shutdown.stop();
      throw e;
    }
    shutdown.hookIntoJvm();
    shutdown.awaitRequest(); // the API's shutdown call; SIGTERM ends the process from the hook
    shutdown.stop();
    return 0;
  }

  /** The exception's message, with its cause's when the message alone does not say why. */
  private static String oneLine(StoreException e) {
    Throwable cause = e.getCause();
    String text = String.valueOf(e.getMessage());
    if (!(e instanceof StoreCorruptException)
        && cause != null
        && cause.getMessage() != null
        && !text.contains(cause.getMessage())) {
      text += ": " + cause.getMessage();
    }
    return text.replace('\n', ' ');
  }

  /** Where the node serves, one line each, for the user (and for tests reading the output). */
  private void printInterfaces(Node node, NodeConfig config, Optional<ApiSettings> apiSettings) {
    if (apiSettings.isPresent()) {
      ApiSettings s = apiSettings.get();
      InetSocketAddress bound = node.apiAddress().orElseThrow();
      String url = "http://" + bound.getHostString() + ":" + bound.getPort() + "/";
      Path file =
          ApiCredentials.write(
              config.dataDir(),
              new ApiCredentials.Connection(
                  url,
                  s.user(),
                  givenApiPassword().isEmpty() ? Optional.of(s.password()) : Optional.empty(),
                  s.variant()));
      System.out.println(
          "API: "
              + url
              + " (user "
              + s.user()
              + ", "
              + (givenApiPassword().isEmpty()
                  ? "generated password stored in " + file
                  : "password as given")
              + ")");
    }
    node.webUrl()
        .ifPresent(
            url ->
                System.out.println(
                    "web: " + url + " (log in with the API's user " + apiUser + " and password)"));
    node.metricsPort()
        .ifPresent(
            port ->
                System.out.println(
                    "metrics: http://"
                        + endpoint(metrics).orElseThrow().host()
                        + ":"
                        + port
                        + "/metrics"));
    node.eventsPort()
        .ifPresent(
            port ->
                System.out.println(
                    "events: gRPC bitmessage.node.v1.NodeEvents on "
                        + endpoint(events).orElseThrow().host()
                        + ":"
                        + port));
    node.listenAddress()
        .ifPresent(a -> System.out.println("listening: " + a.getHostString() + ":" + a.getPort()));
    System.out.flush();
  }

  private static Optional<HostPort> endpoint(@Nullable String option) {
    return option == null || option.isBlank()
        ? Optional.empty()
        : Optional.of(HostPort.parse(option));
  }

  Optional<ApiSettings> apiSettings() {
    if (api == null || api.isBlank()) {
      return Optional.empty();
    }
    HostPort hp = HostPort.parse(api);
    String password = givenApiPassword().orElseGet(() -> ApiCredentials.storedOrNewPassword(data));
    return Optional.of(
        new ApiSettings(
            hp.host(),
            hp.port(),
            apiUser,
            password,
            ApiSettings.Variant.parse(apiVariant),
            apiAllowRemote));
  }

  /** The API password the operator gave: {@code --api-password}, else the file's first line. */
  Optional<String> givenApiPassword() {
    if (apiPassword != null) {
      return Optional.of(apiPassword);
    }
    return Optional.ofNullable(apiPasswordFile).map(f -> SecretFile.read("api-password-file", f));
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
    } else if (onionHost != null && !onionHost.isBlank()) {
      // Tor forwards the onion service to loopback; nothing else should reach us.
      listen = Optional.of(new HostPort("127.0.0.1", NodeConfig.DEFAULT_PORT));
    } else if (socks5 != null && !socks5.isBlank()) {
      listen = Optional.empty(); // behind a proxy and no onion service: accept nobody (as PyB)
    } else {
      listen = Optional.of(new HostPort("0.0.0.0", NodeConfig.DEFAULT_PORT));
    }
    List<HostPort> peers = new ArrayList<>();
    for (String c : connect) {
      peers.add(HostPort.parse(c));
    }
    PeerSettings settings =
        PeerSettings.defaults()
            .withLimits(
                maxOutbound,
                maxInbound,
                PeerSettings.defaults().maxInFlightPerPeer(),
                PeerSettings.defaults().maxPendingPerPeer())
            .withLoopbackAddrs(acceptLocalAddrs);
    return new NodeConfig(
        data,
        listen,
        peers,
        !noBootstrap,
        pow.service(),
        settings,
        Duration.ofMinutes(10),
        privacy());
  }

  /** The proxy, onion, Dandelion and traffic options; errors name the option. */
  PrivacySettings privacy() {
    Optional<Socks5Proxy> proxy = Optional.empty();
    if (socks5 != null && !socks5.isBlank()) {
      proxy =
          Optional.of(
              new Socks5Proxy(
                  HostPort.parse(socks5),
                  Optional.ofNullable(socks5User),
                  Optional.ofNullable(socks5Password)));
    } else if (socks5User != null || socks5Password != null) {
      throw new IllegalArgumentException("--socks5-user and --socks5-password need --socks5");
    }
    Optional<OnionName> onion = Optional.empty();
    if (onionHost != null && !onionHost.isBlank()) {
      if (!OnionName.isOnion(onionHost)) {
        throw new IllegalArgumentException("--onion-host must end in .onion: " + onionHost);
      }
      onion = Optional.of(OnionName.parse(onionHost));
    }
    return PrivacySettings.defaults()
        .withSocks5(proxy, onionOnly)
        .withOnionService(onion, onionPort)
        .withDandelion(DandelionSettings.defaults().withEnabled(!noDandelion))
        .withTraffic(TrafficLimits.ofKilobytes(maxUploadKbps, maxDownloadKbps));
  }
}
