package dev.bitmsg.node.app;

import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.NetworkPowCheck;
import dev.bitmsg.node.net.ObjectIngest;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqliteInventory;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectValidator;
import dev.bitmsg.node.wire.ObjectVerdict;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bm bench ingest}: how fast the node validates and stores objects. N msg objects are made
 * first (seeded payloads, PoW for the eased targets of {@link BenchPowRules}) and written to a temp
 * file; then, timed, they are streamed from the file through {@link ObjectIngest#ingestAll} (the
 * network's code path: full validation with the eased target, then SQLite storage with its indexes,
 * one commit per batch as a peer's delivered objects are) by several threads. Baseline measured in
 * the same run: validation alone over the same file. Memory stays flat in N because objects are
 * streamed, never held all at once.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Validate, store and index N pre-made valid objects; print objects/s and memory.")
public final class IngestBenchCommand implements Callable<Integer> {
  private static final int BATCH = 256;

  @Option(
      names = "--objects",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Objects (default: ${DEFAULT-VALUE}).")
  int objects;

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
      description = "Directory for the database (default: a temp dir, deleted).")
  Path data;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (objects < 1 || payload < 1 || threads < 1) {
      throw new IllegalArgumentException("--objects, --payload and --threads must be >= 1");
    }
    Path dir = data != null ? data : Files.createTempDirectory("bm-ingest");
    Files.createDirectories(dir);
    Path input = dir.resolve("objects.bin");
    Path dbFile = dir.resolve("bench.db");
    deleteDb(dbFile);
    long now = Clock.systemUTC().instant().getEpochSecond();
    NetworkPowCheck pow = new NetworkPowCheck(BenchPowRules.INSTANCE);

    long t0 = System.nanoTime();
    ObjectMaker maker = new ObjectMaker(BenchPowRules.INSTANCE, 42, 1);
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(input)))) {
      for (int i = 0; i < objects; i++) {
        byte[] raw = maker.make(now, 3600 + (i % 86_400), payload).raw().toByteArray();
        out.writeInt(raw.length);
        out.write(raw);
      }
    }
    double makeSeconds = (System.nanoTime() - t0) / 1e9;

    NetworkParams params = NetworkParams.mainnet(NodeMain.softwareVersion());
    Clock clock = Clock.systemUTC();
    ObjectValidator validator = new ObjectValidator(pow, params::servesStream);

    // Baseline: validation only, same threads, same streaming.
    AtomicLong valid = new AtomicLong();
    long b0 = System.nanoTime();
    run(
        input,
        o -> {
          if (validator.validate(o, clock.instant().getEpochSecond()).kind()
              == ObjectVerdict.Kind.ACCEPT) {
            valid.incrementAndGet();
          }
        });
    double validateSeconds = (System.nanoTime() - b0) / 1e9;
    check(valid.get(), "valid in the baseline");

    AtomicLong stored = new AtomicLong();
    double ingestSeconds;
    long heapUsed;
    try (SqliteDatabase db = SqliteDatabase.open(dbFile);
        SqliteInventory inventory = new SqliteInventory(db, false)) {
      ObjectIngest ingest = new ObjectIngest(validator, inventory, clock);
      long i0 = System.nanoTime();
      runBatches(
          input,
          batch -> {
            for (ObjectIngest.Result r : ingest.ingestAll(batch)) {
              if (r.outcome() == ObjectIngest.Outcome.STORED) {
                stored.incrementAndGet();
              }
            }
          });
      ingestSeconds = (System.nanoTime() - i0) / 1e9;
      check(stored.get(), "stored");
      check(inventory.count(), "in the inventory");
      // Live heap after a collection: what the node retains, independent of GC timing.
      System.gc();
      heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
    double rate = objects / ingestSeconds;
    double baseRate = objects / validateSeconds;
    double rss = procStatusMib("VmRSS");
    double hwm = procStatusMib("VmHWM");
    double heap = heapUsed / 1048576.0;
    if (data == null) {
      Files.deleteIfExists(input);
      deleteDb(dbFile);
      Files.deleteIfExists(dir);
    }
    if (json) {
      System.out.printf(
          Locale.ROOT,
          "{\"objects\":%d,\"payload_bytes\":%d,\"threads\":%d,\"objects_per_s\":%.1f,"
              + "\"validate_only_per_s\":%.1f,\"ratio_to_validate_only\":%.3f,\"ingest_s\":%.3f,"
              + "\"make_s\":%.3f,\"live_heap_mib\":%.1f,\"rss_mib\":%.1f,\"rss_peak_mib\":%.1f,"
              + "\"java\":\"%s\"}%n",
          objects,
          payload,
          threads,
          rate,
          baseRate,
          rate / baseRate,
          ingestSeconds,
          makeSeconds,
          heap,
          rss,
          hwm,
          System.getProperty("java.version"));
    } else {
      System.out.printf(
          Locale.ROOT,
          "made %d objects (%d-byte payloads) in %.2f s%n",
          objects,
          payload,
          makeSeconds);
      System.out.printf(Locale.ROOT, "baseline, validation only: %.0f objects/s%n", baseRate);
      System.out.printf(
          Locale.ROOT,
          "ingest (validate + store + index), %d threads: %.0f objects/s in %.2f s"
              + " (%.2fx the validation-only rate)%n",
          threads,
          rate,
          ingestSeconds,
          rate / baseRate);
      System.out.printf(
          Locale.ROOT,
          "memory at end: live heap %.1f MiB, RSS %.1f MiB (peak %.1f MiB), Java %s%n",
          heap,
          rss,
          hwm,
          System.getProperty("java.version"));
    }
    return 0;
  }

  private void check(long count, String what) {
    if (count != objects) {
      throw new IllegalStateException(count + " of " + objects + " objects " + what);
    }
  }

  private void run(Path input, Consumer<ObjectMessage> sink) throws Exception {
    runBatches(input, batch -> batch.forEach(sink));
  }

  /**
   * Streams the objects of {@code input} in batches to {@code sink} on {@link #threads} threads.
   */
  private void runBatches(Path input, Consumer<List<ObjectMessage>> sink) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(input), 1 << 16))) {
      List<Future<?>> inFlight = new ArrayList<>();
      while (true) {
        List<ObjectMessage> batch = readBatch(in);
        if (batch.isEmpty()) {
          break;
        }
        inFlight.add(pool.submit(() -> sink.accept(batch)));
        if (inFlight.size() >= threads * 2) { // bounded read-ahead keeps memory flat
          inFlight.remove(0).get();
        }
      }
      for (Future<?> f : inFlight) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<ObjectMessage> readBatch(DataInputStream in) throws IOException {
    List<ObjectMessage> batch = new ArrayList<>(BATCH);
    while (batch.size() < BATCH) {
      int len;
      try {
        len = in.readInt();
      } catch (EOFException e) {
        break;
      }
      byte[] raw = new byte[len];
      in.readFully(raw);
      batch.add(ObjectMessage.of(Bytes.of(raw)));
    }
    return batch;
  }

  private static void deleteDb(Path db) throws IOException {
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
    }
  }

  /** A {@code /proc/self/status} size line in MiB (Linux); -1 elsewhere. */
  static double procStatusMib(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key + ":")) {
          String[] parts = line.substring(key.length() + 1).trim().split("\\s+", -1);
          return Long.parseLong(parts[0]) / 1024.0; // kB
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
