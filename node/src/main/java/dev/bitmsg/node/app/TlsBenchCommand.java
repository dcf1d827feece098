package dev.bitmsg.node.app;

import dev.bitmsg.node.crypto.bc.BcTlsContexts;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.NetworkPowCheck;
import dev.bitmsg.node.net.ObjectIngest;
import dev.bitmsg.node.net.PeerSettings;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqliteInventory;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.MessageFrameCodec;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectValidator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bm bench tls}: what the NODE_SSL link encryption costs on loopback, TLS and plaintext
 * measured in the same run against the same in-process node (which advertises NODE_SSL; a client
 * that does not advertise it stays plaintext):
 *
 * <ul>
 *   <li>handshake: connect, version/verack, [TLS handshake], the node's addr and inv (all N
 *       vectors), ping answered by pong; the TLS handshake alone also reported; a blocking client
 *       using the same TLS configuration as the node; plaintext and TLS rounds alternate;
 *   <li>serve: one connection requests all N objects by getdata and reads them back (the node's
 *       serving path: SQLite read, encode, [encrypt]; the client [decrypts] and decodes);
 *   <li>sync: a second node dials the first and downloads all N objects through the real
 *       inv/getdata/object exchange, validation and storage included.
 * </ul>
 *
 * Objects are made first with PoW for the eased targets of {@link BenchPowRules} (both nodes use
 * the eased check) and loaded into the serving node's database before it starts. The measuring
 * client is {@link BlockingBenchPeer}.
 */
@Command(
    name = "tls",
    mixinStandardHelpOptions = true,
    description = "Handshake time and object throughput over TLS vs plaintext on loopback.")
public final class TlsBenchCommand implements Callable<Integer> {

  @Option(
      names = "--handshakes",
      paramLabel = "R",
      defaultValue = "200",
      description = "Measured handshakes per mode (default: ${DEFAULT-VALUE}).")
  int handshakes;

  @Option(
      names = "--warmup",
      paramLabel = "W",
      defaultValue = "50",
      description = "Unmeasured handshakes per mode first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--objects",
      paramLabel = "N",
      defaultValue = "5000",
      description = "Objects (default: ${DEFAULT-VALUE}).")
  int objects;

  @Option(
      names = "--payload",
      paramLabel = "BYTES",
      defaultValue = "1000",
      description = "Payload bytes per object (default: ${DEFAULT-VALUE}).")
  int payload;

  @Option(
      names = "--repeats",
      paramLabel = "K",
      defaultValue = "5",
      description =
          "Serve and sync runs per mode, alternating; medians reported (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (handshakes < 1 || warmup < 0 || objects < 1 || payload < 1 || repeats < 1) {
      throw new IllegalArgumentException(
          "--handshakes, --objects, --payload, --repeats must be >= 1, --warmup >= 0");
    }
    BcTlsContexts.allowAnonymousEcdh();
    BcTlsContexts tls = BcTlsContexts.create();
    Clock clock = Clock.systemUTC();
    NetworkPowCheck pow = new NetworkPowCheck(BenchPowRules.INSTANCE);
    NetworkParams params =
        NetworkParams.mainnet(NodeMain.softwareVersion()).withoutBootstrapNodes().withTls(true);
    BlockingBenchPeer peer = new BlockingBenchPeer();
    Path dir = Files.createTempDirectory("bm-tls");
    try {
      long now = clock.instant().getEpochSecond();
      ObjectMaker maker = new ObjectMaker(BenchPowRules.INSTANCE, 42, 1);
      List<ObjectMessage> made = new ArrayList<>(objects);
      long bytes = 0;
      for (int i = 0; i < objects; i++) {
        ObjectMessage o = maker.make(now, 3600 + i, payload);
        made.add(o);
        bytes += MessageFrameCodec.encode(o).length();
      }
      preload(dir.resolve("a"), made, new ObjectValidator(pow, params::servesStream), clock);

      PeerSettings settings =
          PeerSettings.defaults()
              .withLimits(
                  8,
                  1024,
                  PeerSettings.defaults().maxInFlightPerPeer(),
                  PeerSettings.defaults().maxPendingPerPeer());
      try (Node a =
          NodeAssembly.start(
              NodeSetup.of(
                      config(
                          dir.resolve("a"),
                          Optional.of(new HostPort("127.0.0.1", 0)),
                          List.of(),
                          settings),
                      params,
                      BenchPowRules.INSTANCE)
                  .withClock(clock))) {
        InetSocketAddress addr = a.listenAddress().orElseThrow();
        for (int i = 0; i < warmup; i++) {
          peer.handshake(addr, false, tls);
          peer.handshake(addr, true, tls);
        }
        double[] plainMs = new double[handshakes];
        double[] tlsMs = new double[handshakes];
        double[] tlsPhaseMs = new double[handshakes];
        for (int i = 0; i < handshakes; i++) {
          plainMs[i] = peer.handshake(addr, false, tls);
          tlsMs[i] = peer.handshake(addr, true, tls);
          tlsPhaseMs[i] = peer.lastTlsPhaseNanos() / 1e6;
        }
        List<InventoryVector> vectors = made.stream().map(ObjectMessage::inventoryVector).toList();
        peer.serve(addr, false, tls, vectors); // warm-up pass each
        peer.serve(addr, true, tls, vectors);
        double[] servePlain = new double[repeats];
        double[] serveTls = new double[repeats];
        double[] syncPlain = new double[repeats];
        double[] syncTls = new double[repeats];
        for (int i = 0; i < repeats; i++) {
          servePlain[i] = peer.serve(addr, false, tls, vectors);
          serveTls[i] = peer.serve(addr, true, tls, vectors);
        }
        for (int i = 0; i < repeats; i++) {
          syncPlain[i] =
              sync(dir.resolve("b-plain-" + i), a, params.withTls(false), clock, settings);
          syncTls[i] = sync(dir.resolve("b-tls-" + i), a, params, clock, settings);
        }
        report(
            plainMs,
            tlsMs,
            median(tlsPhaseMs),
            bytes,
            median(servePlain),
            median(serveTls),
            median(syncPlain),
            median(syncTls));
      }
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return 0;
  }

  private static NodeConfig config(
      Path dir, Optional<HostPort> listen, List<HostPort> connect, PeerSettings settings) {
    return new NodeConfig(
        dir, listen, connect, false, Optional.empty(), settings, Duration.ofMinutes(10));
  }

  private static void preload(
      Path dir, List<ObjectMessage> made, ObjectValidator validator, Clock clock)
      throws IOException {
    Files.createDirectories(dir);
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("node.db"));
        SqliteInventory inventory = new SqliteInventory(db, false)) {
      ObjectIngest ingest = new ObjectIngest(validator, inventory, clock);
      for (int i = 0; i < made.size(); i += 256) {
        ingest.ingestAll(made.subList(i, Math.min(made.size(), i + 256)));
      }
      if (inventory.count() != made.size()) {
        throw new IllegalStateException(
            inventory.count() + " of " + made.size() + " objects stored");
      }
    }
  }

  /** A fresh client-only node downloads everything from {@code a}. Seconds. */
  private static double sync(
      Path dir, Node a, NetworkParams params, Clock clock, PeerSettings settings) throws Exception {
    InetSocketAddress addr = a.listenAddress().orElseThrow();
    long want = a.inventory().count();
    long t0 = System.nanoTime();
    NodeConfig config =
        config(
            dir,
            Optional.empty(),
            List.of(new HostPort(addr.getAddress().getHostAddress(), addr.getPort())),
            settings);
    try (Node b =
        NodeAssembly.start(NodeSetup.of(config, params, BenchPowRules.INSTANCE).withClock(clock))) {
      long deadline = t0 + Duration.ofMinutes(5).toNanos();
      while (b.inventory().count() < want) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "sync incomplete: " + b.inventory().count() + " of " + want);
        }
        Thread.sleep(5);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      boolean encrypted = b.peers().peers().stream().anyMatch(p -> p.tlsCipherSuite().isPresent());
      if (encrypted != params.advertisesTls()) {
        throw new IllegalStateException(
            "sync link encrypted=" + encrypted + ", expected " + params.advertisesTls());
      }
      return seconds;
    }
  }

  private void report(
      double[] plainMs,
      double[] tlsMs,
      double tlsPhaseMedian,
      long bytes,
      double servePlain,
      double serveTls,
      double syncPlain,
      double syncTls) {
    double pMed = median(plainMs);
    double tMed = median(tlsMs);
    double mib = bytes / 1048576.0;
    if (json) {
      System.out.printf(
          Locale.ROOT,
          "{\"handshakes\":%d,\"handshake_plain_median_ms\":%.3f,\"handshake_tls_median_ms\":%.3f,"
              + "\"handshake_tls_phase_median_ms\":%.3f,\"handshake_plain_mean_ms\":%.3f,\"handshake_tls_mean_ms\":%.3f,\"handshake_tls_to_plain\":%.2f,"
              + "\"objects\":%d,\"payload_bytes\":%d,\"repeats\":%d,\"serve_plain_per_s\":%.1f,\"serve_tls_per_s\":%.1f,"
              + "\"serve_plain_mib_s\":%.2f,\"serve_tls_mib_s\":%.2f,\"serve_tls_to_plain\":%.3f,"
              + "\"sync_plain_per_s\":%.1f,\"sync_tls_per_s\":%.1f,\"sync_tls_to_plain\":%.3f,"
              + "\"cipher_suite\":\"%s\",\"java\":\"%s\"}%n",
          handshakes,
          pMed,
          tMed,
          tlsPhaseMedian,
          mean(plainMs),
          mean(tlsMs),
          tMed / pMed,
          objects,
          payload,
          repeats,
          objects / servePlain,
          objects / serveTls,
          mib / servePlain,
          mib / serveTls,
          servePlain / serveTls,
          objects / syncPlain,
          objects / syncTls,
          syncPlain / syncTls,
          BcTlsContexts.CIPHER_SUITE,
          System.getProperty("java.version"));
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "TLS: %s %s on %s (Bouncy Castle JSSE), Java %s, loopback%n",
        BcTlsContexts.PROTOCOL,
        BcTlsContexts.CIPHER_SUITE,
        BcTlsContexts.GROUP,
        System.getProperty("java.version"));
    System.out.printf(
        Locale.ROOT,
        "handshake (connect + version/verack [+ TLS] + the node's addr and inv of all N objects"
            + " + ping/pong), %d each after %d warm-up:%n",
        handshakes,
        warmup);
    System.out.printf(
        Locale.ROOT, "  plaintext: median %.2f ms, mean %.2f ms%n", pMed, mean(plainMs));
    System.out.printf(
        Locale.ROOT,
        "  TLS:       median %.2f ms, mean %.2f ms  (%.2fx plaintext);"
            + " the TLS handshake alone: median %.2f ms%n",
        tMed,
        mean(tlsMs),
        tMed / pMed,
        tlsPhaseMedian);
    System.out.printf(
        Locale.ROOT,
        "serve %d objects (%d-byte payloads, %.1f MiB) by getdata on one connection,"
            + " median of %d:%n",
        objects,
        payload,
        mib,
        repeats);
    System.out.printf(
        Locale.ROOT,
        "  plaintext: %.0f objects/s (%.1f MiB/s)%n",
        objects / servePlain,
        mib / servePlain);
    System.out.printf(
        Locale.ROOT,
        "  TLS:       %.0f objects/s (%.1f MiB/s)  (%.2fx plaintext)%n",
        objects / serveTls,
        mib / serveTls,
        servePlain / serveTls);
    System.out.printf(
        Locale.ROOT,
        "node-to-node sync of %d objects (validate + store included), median of %d:%n",
        objects,
        repeats);
    System.out.printf(
        Locale.ROOT, "  plaintext: %.0f objects/s in %.2f s%n", objects / syncPlain, syncPlain);
    System.out.printf(
        Locale.ROOT,
        "  TLS:       %.0f objects/s in %.2f s  (%.2fx plaintext)%n",
        objects / syncTls,
        syncTls,
        syncPlain / syncTls);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }
}
