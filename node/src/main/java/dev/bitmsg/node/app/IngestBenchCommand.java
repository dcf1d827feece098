package dev.bitmsg.node.app;

import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.NetworkPowCheck;
import dev.bitmsg.node.net.ObjectIngest;
import dev.bitmsg.node.net.PeerSettings;
import dev.bitmsg.node.wire.ObjectValidator;
import dev.bitmsg.node.wire.ObjectVerdict;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bm bench ingest}: how fast a node validates and stores objects, and how much memory the
 * process holding it uses as its inventory grows. Objects (seeded msg payloads, PoW for the eased
 * targets of {@link BenchPowRules}) are made first into a temp file; then, timed, a whole node
 * (built by {@link NodeAssembly}, not listening, no peers, in a fresh data directory) takes them
 * from the file through its {@link ObjectIngest#ingestAll} on several threads, one commit per batch
 * as a peer's delivered objects are; its receiver processes each one as in production. At each size
 * of {@code --objects} the process's RSS ({@code /proc/self/status} VmRSS) is read: run through
 * {@code ./bm}, this JVM has the node's launcher settings, so these are the node's figures.
 * Baseline measured in the same run: validation alone over the first size. Objects are streamed,
 * never held all at once ({@link ObjectStream}).
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Feed N pre-made valid objects to a node; print objects/s and the process's RSS at each"
            + " size.")
public final class IngestBenchCommand implements Callable<Integer> {
  @Option(
      names = "--objects",
      paramLabel = "N[,N...]",
      defaultValue = "10000,100000",
      split = ",",
      description =
          "Inventory sizes at which to report (ascending; the last is the total; default:"
              + " ${DEFAULT-VALUE}).")
  long[] sizes;

  @Option(
      names = "--payload",
      paramLabel = "BYTES",
      defaultValue = "400",
      description = "Payload bytes per object (default: ${DEFAULT-VALUE}).")
  int payload;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description = "Ingest threads (default: available processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Directory for the objects and the node (default: a temp dir, deleted).")
  Path data;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  /** The figures at one size. */
  record Checkpoint(
      long objects,
      double seconds,
      double rssMib,
      double peakMib,
      double heapMib,
      double heapCommittedMib,
      double nonHeapMib) {}

  @Override
  public Integer call() throws Exception {
    long total = sizes.length == 0 ? 0 : sizes[sizes.length - 1];
    if (payload < 1 || threads < 1 || total < 1 || !ascending(sizes)) {
      throw new IllegalArgumentException(
          "--objects takes ascending sizes >= 1; --payload and --threads must be >= 1");
    }
    Path dir = data != null ? data : Files.createTempDirectory("bm-ingest");
    Files.createDirectories(dir);
    Path input = dir.resolve("objects.bin");
    Path nodeDir = dir.resolve("node");
    BenchFiles.deleteTree(nodeDir);
    Clock clock = Clock.systemUTC();

    long t0 = System.nanoTime();
    ObjectMaker maker = new ObjectMaker(BenchPowRules.INSTANCE, 42, 1);
    long now = clock.instant().getEpochSecond();
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(input)))) {
      for (long i = 0; i < total; i++) {
        byte[] raw = maker.make(now, 3600 + (i % 86_400), payload).raw().toByteArray();
        out.writeInt(raw.length);
        out.write(raw);
      }
    }
    double makeSeconds = (System.nanoTime() - t0) / 1e9;

    // Baseline: validation only, same threads, same streaming, over the first size.
    ObjectValidator validator =
        new ObjectValidator(
            new NetworkPowCheck(BenchPowRules.INSTANCE),
            NetworkParams.mainnet(NodeMain.softwareVersion())::servesStream);
    AtomicLong valid = new AtomicLong();
    long b0 = System.nanoTime();
    try (ObjectStream baseline = ObjectStream.of(input, threads)) {
      baseline.feed(
          sizes[0],
          batch ->
              batch.forEach(
                  o -> {
                    if (validator.validate(o, clock.instant().getEpochSecond()).kind()
                        == ObjectVerdict.Kind.ACCEPT) {
                      valid.incrementAndGet();
                    }
                  }));
    }
    double baseRate = sizes[0] / ((System.nanoTime() - b0) / 1e9);
    check(valid.get(), sizes[0], "valid in the baseline");

    List<Checkpoint> points = new ArrayList<>();
    AtomicLong stored = new AtomicLong();
    try (Node node = NodeAssembly.start(setup(nodeDir));
        ObjectStream stream = ObjectStream.of(input, threads)) {
      long i0 = System.nanoTime();
      long done = 0;
      for (long size : sizes) {
        stream.feed(
            size - done,
            batch -> {
              for (ObjectIngest.Result r : node.ingest().ingestAll(batch)) {
                if (r.outcome() == ObjectIngest.Outcome.STORED) {
                  stored.incrementAndGet();
                }
              }
            });
        done = size;
        points.add(
            new Checkpoint(
                size,
                (System.nanoTime() - i0) / 1e9,
                ProcStatus.mib("VmRSS"),
                ProcStatus.mib("VmHWM"),
                ProcStatus.heapUsedMib(),
                ProcStatus.heapCommittedMib(),
                ProcStatus.nonHeapCommittedMib()));
      }
      check(stored.get(), total, "stored");
      check(node.inventory().count(), total, "in the inventory");
    }
    if (data == null) {
      BenchFiles.deleteTree(dir);
    }
    print(points, baseRate, makeSeconds);
    return 0;
  }

  private static NodeSetup setup(Path dir) {
    NodeConfig config =
        new NodeConfig(
            dir,
            Optional.empty(),
            List.of(),
            false,
            Optional.empty(),
            PeerSettings.defaults(),
            Duration.ofMinutes(10));
    return NodeSetup.of(
        config,
        NetworkParams.mainnet(NodeMain.softwareVersion()).withTls(false),
        BenchPowRules.INSTANCE);
  }

  private void print(List<Checkpoint> points, double baseRate, double makeSeconds) {
    Checkpoint last = points.get(points.size() - 1);
    double rate = last.objects() / last.seconds();
    double growth = last.rssMib() - points.get(0).rssMib();
    if (json) {
      StringBuilder each = new StringBuilder();
      for (Checkpoint p : points) {
        each.append(each.length() == 0 ? "" : ",")
            .append(
                String.format(
                    Locale.ROOT,
                    "{\"objects\":%d,\"objects_per_s\":%.1f,\"rss_mib\":%.1f,"
                        + "\"rss_peak_mib\":%.1f,\"heap_used_mib\":%.1f,"
                        + "\"heap_committed_mib\":%.1f,\"non_heap_committed_mib\":%.1f}",
                    p.objects(),
                    p.objects() / p.seconds(),
                    p.rssMib(),
                    p.peakMib(),
                    p.heapMib(),
                    p.heapCommittedMib(),
                    p.nonHeapMib()));
      }
      System.out.printf(
          Locale.ROOT,
          "{\"objects\":%d,\"payload_bytes\":%d,\"threads\":%d,\"objects_per_s\":%.1f,"
              + "\"validate_only_per_s\":%.1f,\"ratio_to_validate_only\":%.3f,\"ingest_s\":%.3f,"
              + "\"make_s\":%.3f,\"rss_mib\":%.1f,\"rss_peak_mib\":%.1f,\"rss_growth_mib\":%.1f,"
              + "\"sizes\":[%s],\"max_heap_mib\":%.0f,\"jvm_options\":\"%s\",\"java\":\"%s\"}%n",
          last.objects(),
          payload,
          threads,
          rate,
          baseRate,
          rate / baseRate,
          last.seconds(),
          makeSeconds,
          last.rssMib(),
          last.peakMib(),
          growth,
          each,
          Runtime.getRuntime().maxMemory() / 1048576.0,
          ProcStatus.memoryOptions(),
          System.getProperty("java.version"));
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "made %d objects (%d-byte payloads) in %.2f s; baseline, validation only: %.0f objects/s%n",
        last.objects(),
        payload,
        makeSeconds,
        baseRate);
    for (Checkpoint p : points) {
      System.out.printf(
          Locale.ROOT,
          "%,d objects: %.0f objects/s (%.2fx validation only), RSS %.1f MiB (peak %.1f MiB),"
              + " heap in use %.1f of %.1f MiB committed, non-heap %.1f MiB%n",
          p.objects(),
          p.objects() / p.seconds(),
          p.objects() / p.seconds() / baseRate,
          p.rssMib(),
          p.peakMib(),
          p.heapMib(),
          p.heapCommittedMib(),
          p.nonHeapMib());
    }
    System.out.printf(
        Locale.ROOT,
        "RSS growth from %,d to %,d objects: %.1f MiB; max heap %.0f MiB; memory options: %s;"
            + " Java %s%n",
        points.get(0).objects(),
        last.objects(),
        growth,
        Runtime.getRuntime().maxMemory() / 1048576.0,
        ProcStatus.memoryOptions(),
        System.getProperty("java.version"));
  }

  private static boolean ascending(long[] sizes) {
    for (int i = 1; i < sizes.length; i++) {
      if (sizes[i] <= sizes[i - 1]) {
        return false;
      }
    }
    return sizes.length > 0 && Arrays.stream(sizes).allMatch(s -> s >= 1);
  }

  private static void check(long count, long expected, String what) {
    if (count != expected) {
      throw new IllegalStateException(count + " of " + expected + " objects " + what);
    }
  }
}
