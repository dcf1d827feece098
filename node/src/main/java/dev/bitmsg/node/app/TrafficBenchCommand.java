package dev.bitmsg.node.app;

import dev.bitmsg.node.net.DandelionSettings;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.NetworkPowCheck;
import dev.bitmsg.node.net.ObjectIngest;
import dev.bitmsg.node.net.PeerSettings;
import dev.bitmsg.node.net.PrivacySettings;
import dev.bitmsg.node.net.TrafficCounts;
import dev.bitmsg.node.net.TrafficLimits;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqliteInventory;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectValidator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bm bench traffic}: the upload and download limits on a bulk sync over loopback. A node
 * preloaded with N objects serves a fresh client-only node three times: unlimited, with the
 * reader's {@code --max-download-kbps}, and with the server's {@code --max-upload-kbps}; each run
 * reports the bytes the limited side moved (the node's own counters, TLS included), the time from
 * starting the reader to the last object stored, and the rate against the limit. Objects are made
 * with the eased targets of {@link BenchPowRules}.
 */
@Command(
    name = "traffic",
    mixinStandardHelpOptions = true,
    description = "Achieved upload and download rates against --max-*-kbps on a loopback sync.")
public final class TrafficBenchCommand implements Callable<Integer> {

  @Option(
      names = "--objects",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Objects (default: ${DEFAULT-VALUE}).")
  int objects;

  @Option(
      names = "--payload",
      paramLabel = "BYTES",
      defaultValue = "2000",
      description = "Payload bytes per object (default: ${DEFAULT-VALUE}).")
  int payload;

  @Option(
      names = "--limit-kbps",
      paramLabel = "K",
      defaultValue = "256",
      description = "The limit, kilobytes (1024 bytes) per second (default: ${DEFAULT-VALUE}).")
  long limitKb;

  @Override
  public Integer call() throws Exception {
    if (objects < 1 || payload < 1 || limitKb < 1) {
      throw new IllegalArgumentException("--objects, --payload and --limit-kbps must be >= 1");
    }
    Clock clock = Clock.systemUTC();
    NetworkParams params =
        NetworkParams.mainnet(NodeMain.softwareVersion()).withoutBootstrapNodes();
    Path dir = Files.createTempDirectory("bm-traffic");
    try {
      long now = clock.instant().getEpochSecond();
      ObjectMaker maker = new ObjectMaker(BenchPowRules.INSTANCE, 7, 1);
      List<ObjectMessage> made = new ArrayList<>(objects);
      for (int i = 0; i < objects; i++) {
        made.add(maker.make(now, 3600 + i, payload));
      }
      System.out.printf(
          Locale.ROOT,
          "traffic: %d objects of %d payload bytes, limit %d KiB/s (%d B/s)%n",
          objects,
          payload,
          limitKb,
          limitKb * 1024);
      Run r = new Run(dir, made, params, clock);
      run(r, "unlimited", TrafficLimits.NONE, TrafficLimits.NONE, 0);
      run(r, "download", TrafficLimits.NONE, TrafficLimits.ofKilobytes(0, limitKb), limitKb * 1024);
      run(r, "upload", TrafficLimits.ofKilobytes(limitKb, 0), TrafficLimits.NONE, limitKb * 1024);
    } finally {
      BenchFiles.deleteTree(dir);
    }
    return 0;
  }

  private static PrivacySettings privacy(TrafficLimits limits) {
    return PrivacySettings.defaults()
        .withDandelion(DandelionSettings.defaults().withEnabled(false))
        .withTraffic(limits);
  }

  private static NodeConfig config(
      Path dir, Optional<HostPort> listen, List<HostPort> connect, TrafficLimits limits) {
    return new NodeConfig(
        dir,
        listen,
        connect,
        false,
        Optional.empty(),
        PeerSettings.defaults(),
        Duration.ofMinutes(10),
        privacy(limits));
  }

  /** What every run shares. */
  private record Run(Path dir, List<ObjectMessage> made, NetworkParams params, Clock clock) {}

  /**
   * One sync: a serving node preloaded with the objects, with {@code up}; the reader with {@code
   * down}; prints the limited side's rate.
   */
  private void run(Run r, String what, TrafficLimits up, TrafficLimits down, long limit)
      throws Exception {
    Path dir = r.dir();
    NetworkParams params = r.params();
    Clock clock = r.clock();
    Path serveDir = dir.resolve("serve-" + what);
    preload(serveDir, r.made(), params, clock);
    try (Node a =
        NodeAssembly.start(
            NodeSetup.of(
                    config(serveDir, Optional.of(new HostPort("127.0.0.1", 0)), List.of(), up),
                    params,
                    BenchPowRules.INSTANCE)
                .withClock(clock))) {
      InetSocketAddress addr = a.listenAddress().orElseThrow();
      long t0 = System.nanoTime();
      try (Node b =
          NodeAssembly.start(
              NodeSetup.of(
                      config(
                          dir.resolve("read-" + what),
                          Optional.empty(),
                          List.of(new HostPort(addr.getAddress().getHostAddress(), addr.getPort())),
                          down),
                      params,
                      BenchPowRules.INSTANCE)
                  .withClock(clock))) {
        long deadline = t0 + Duration.ofMinutes(10).toNanos();
        while (b.inventory().count() < objects) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("sync incomplete: " + b.inventory().count());
          }
          Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        TrafficCounts read = b.peers().traffic();
        TrafficCounts written = a.peers().traffic();
        long bytes = what.equals("upload") ? written.bytesWritten() : read.bytesRead();
        double rate = bytes / seconds;
        System.out.printf(
            Locale.ROOT,
            "  %-9s %9d bytes in %6.2f s: %10.0f B/s%s%n",
            what,
            bytes,
            seconds,
            rate,
            limit == 0
                ? ""
                : String.format(Locale.ROOT, " = %.1f %% of the limit", 100 * rate / limit));
      }
    }
  }

  private static void preload(Path dir, List<ObjectMessage> made, NetworkParams params, Clock clock)
      throws IOException {
    Files.createDirectories(dir);
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("node.db"));
        SqliteInventory inventory = new SqliteInventory(db, false)) {
      ObjectIngest ingest =
          new ObjectIngest(
              new ObjectValidator(
                  new NetworkPowCheck(BenchPowRules.INSTANCE), params::servesStream),
              inventory,
              clock);
      for (int i = 0; i < made.size(); i += 256) {
        ingest.ingestAll(made.subList(i, Math.min(made.size(), i + 256)));
      }
    }
  }
}
