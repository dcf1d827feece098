package dev.bitmsg.node.app;

import dev.bitmsg.node.api.ApiClient;
import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.PeerSettings;
import dev.bitmsg.node.rpc.Json;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.ObjectMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bm bench peers}: the peer policy under the loads of issue 14, each against a fresh
 * in-process node with the default peer settings, on loopback, every peer on its own 127.x address
 * ({@link PeerLoad}). Each figure comes with a baseline measured in the same run:
 *
 * <ul>
 *   <li>a honest handshake while N half-open connections (127.0.1.1..N) hold the node, against the
 *       same handshake on an idle node, and how many of the half-open connections are still held;
 *   <li>an inv flood (invs of K vectors the node holds, from one peer): API round-trip p99 against
 *       the idle p99, and how long a honest peer's new object takes to be stored; once with the
 *       default announcement budget (the flood is held back after three full invs) and once with
 *       the budget lifted (every inv is answered from the in-memory index);
 *   <li>an object announced first by a peer that never delivers and then by a honest one: the delay
 *       until it is stored, against a honest announcer alone.
 * </ul>
 */
@Command(
    name = "peers",
    mixinStandardHelpOptions = true,
    description =
        "Peer policy under load: half-open connections, an inv flood, a silent announcer.")
public final class PeersBenchCommand implements Callable<Integer> {
  @Option(
      names = "--half-open",
      paramLabel = "N",
      defaultValue = "100",
      description = "Half-open connections (default: ${DEFAULT-VALUE}).")
  int halfOpen;

  @Option(
      names = "--known",
      paramLabel = "K",
      defaultValue = "50000",
      description =
          "Objects the node holds, and vectors per flooded inv (default: ${DEFAULT-VALUE}).")
  int known;

  @Option(
      names = "--invs",
      paramLabel = "M",
      defaultValue = "200",
      description = "Invs in the flood (default: ${DEFAULT-VALUE}).")
  int invs;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "60",
      description = "Longest a flood runs (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (halfOpen < 1 || halfOpen > 250 || known < 1 || known > 50_000 || invs < 1 || seconds < 1) {
      throw new IllegalArgumentException(
          "--half-open must be 1..250, --known 1..50000, --invs and --seconds >= 1");
    }
    NetworkParams params = benchParams();
    Path dir = Files.createTempDirectory("bm-peers");
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      halfOpen(dir.resolve("half-open"), params, out);
      flood(dir.resolve("flood"), params, out);
      silent(dir.resolve("silent"), params, out);
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    out.put("java", System.getProperty("java.version"));
    if (json) {
      System.out.println(Json.write(out));
    } else {
      for (Map.Entry<String, Object> e : out.entrySet()) {
        System.out.printf(Locale.ROOT, "%-34s %s%n", e.getKey(), e.getValue());
      }
    }
    return 0;
  }

  private void halfOpen(Path dir, NetworkParams params, Map<String, Object> out) throws Exception {
    try (Node node = start(dir, params, PeerSettings.defaults(), Optional.empty())) {
      InetSocketAddress at = node.listenAddress().orElseThrow();
      double[] idle = new double[5];
      for (int i = 0; i < idle.length; i++) {
        idle[i] = PeerLoad.halfOpen(at, 0, "127.0.0.2").handshakeMs();
      }
      Arrays.sort(idle);
      PeerLoad.HalfOpen loaded = PeerLoad.halfOpen(at, halfOpen, "127.0.0.2");
      out.put("half_open", loaded.halfOpen());
      out.put("half_open_still_held", loaded.stillOpen());
      out.put("handshake_ms_under_half_open", round(loaded.handshakeMs()));
      out.put("handshake_ms_idle", round(idle[idle.length / 2]));
      out.put("handshake_ratio", round(loaded.handshakeMs() / idle[idle.length / 2]));
    }
  }

  private void flood(Path dir, NetworkParams params, Map<String, Object> out) throws Exception {
    List<InventoryVector> vectors =
        PeerLoad.preload(dir.resolve("node"), known, BenchPowRules.INSTANCE, params, 11);
    out.put("flood_known_objects", known);
    out.put("flood_invs", invs);
    PeerSettings defaults = PeerSettings.defaults();
    PeerSettings unthrottled =
        defaults.withPolicy(defaults.policy().withAnnounceBudget(1e9, Integer.MAX_VALUE));
    ObjectMaker maker = new ObjectMaker(BenchPowRules.INSTANCE, 12, 1);
    for (boolean lifted : List.of(false, true)) {
      PeerSettings s = lifted ? unthrottled : defaults;
      String tag = lifted ? "flood_unthrottled_" : "flood_";
      ApiSettings api =
          new ApiSettings("127.0.0.1", 0, "bench", "bench", ApiSettings.Variant.XML, false);
      try (Node node = start(dir.resolve("node"), params, s, Optional.of(api))) {
        ApiClient client =
            new ApiClient(
                URI.create("http://127.0.0.1:" + node.apiAddress().orElseThrow().getPort() + "/"),
                "bench",
                "bench",
                ApiSettings.Variant.XML);
        double idleP99 = PeerLoad.idleApiP99(client, 200);
        ObjectMessage fresh = maker.make(Clock.systemUTC().instant().getEpochSecond(), 3600, 200);
        PeerLoad.Flood f =
            PeerLoad.invFlood(node, client, vectors, invs, fresh, Duration.ofSeconds(seconds));
        out.put(tag + "invs_sent", f.invsSent());
        out.put(tag + "seconds", round(f.floodSeconds()));
        out.put(tag + "api_calls", f.apiCalls());
        out.put(tag + "api_p50_ms", round(f.apiP50Ms()));
        out.put(tag + "api_p99_ms", round(f.apiP99Ms()));
        out.put(tag + "api_max_ms", round(f.apiMaxMs()));
        out.put(tag + "api_p99_ms_idle", round(idleP99));
        out.put(tag + "api_p99_ratio", round(f.apiP99Ms() / idleP99));
        out.put(tag + "honest_object_stored_ms", round(f.honestStoredMs()));
      }
    }
  }

  private void silent(Path dir, NetworkParams params, Map<String, Object> out) throws Exception {
    try (Node node = start(dir, params, PeerSettings.defaults(), Optional.empty())) {
      ObjectMaker maker = new ObjectMaker(BenchPowRules.INSTANCE, 13, 1);
      long now = Clock.systemUTC().instant().getEpochSecond();
      double alone =
          PeerLoad.honestDelivery(
              node, node.listenAddress().orElseThrow(), maker.make(now, 3600, 200), "127.0.3.3");
      double delayed = PeerLoad.silentAnnouncer(node, maker.make(now, 3600, 201));
      out.put("silent_announcer_stored_ms", round(delayed));
      out.put("honest_alone_stored_ms", round(alone));
      out.put("claim_timeout_ms", PeerSettings.defaults().policy().claimTimeout().toMillis());
    }
  }

  private static Node start(
      Path dir, NetworkParams params, PeerSettings settings, Optional<ApiSettings> api)
      throws IOException, InterruptedException {
    NodeConfig config =
        new NodeConfig(
            dir,
            Optional.of(new HostPort("127.0.0.1", 0)),
            List.of(),
            false,
            Optional.empty(),
            settings,
            Duration.ofMinutes(10));
    NodeSetup setup = NodeSetup.of(config, params, BenchPowRules.INSTANCE);
    return NodeAssembly.start(api.isPresent() ? setup.withApi(api.get()) : setup);
  }

  /** The real network's parameters without bootstrap nodes: the bench never dials out. */
  private static NetworkParams benchParams() {
    return NetworkParams.mainnet(NodeMain.softwareVersion()).withoutBootstrapNodes();
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
