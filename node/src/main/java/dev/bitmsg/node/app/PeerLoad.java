package dev.bitmsg.node.app;

import dev.bitmsg.node.api.ApiClient;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.NetworkPowCheck;
import dev.bitmsg.node.net.ObjectIngest;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqliteInventory;
import dev.bitmsg.node.wire.GetData;
import dev.bitmsg.node.wire.Inv;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.MessageFrameCodec;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectValidator;
import dev.bitmsg.pow.PowRules;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The peer-policy load scenarios of issue 14, run against a node on loopback by {@code bm bench
 * peers} and by the integration tests that bound them: a honest handshake while half-open
 * connections hold the node, an API (and a honest object) while a peer floods invs of known
 * vectors, and an object announced by a silent peer and an honest one. Each peer sits on its own
 * 127.x.y.z address. Stateless; each scenario closes what it opens.
 */
public final class PeerLoad {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private PeerLoad() {}

  /** A handshake under half-open load. Immutable. */
  public record HalfOpen(int halfOpen, int stillOpen, double handshakeMs) {}

  /** API latency and a honest object's delay under an inv flood. Immutable. */
  public record Flood(
      int invsSent,
      double floodSeconds,
      int apiCalls,
      double apiP50Ms,
      double apiP99Ms,
      double apiMaxMs,
      double honestStoredMs) {}

  /**
   * Opens {@code count} TCP connections from 127.0.1.1.. (one address each) that never send a byte,
   * then times a handshake from {@code honestIp}, then counts how many of the half-open connections
   * the node still holds.
   */
  public static HalfOpen halfOpen(InetSocketAddress node, int count, String honestIp)
      throws IOException {
    List<LoadPeer> idle = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        idle.add(LoadPeer.connect("127.0.1." + (i + 1), node));
      }
      long t0 = System.nanoTime();
      try (LoadPeer honest = LoadPeer.connect(honestIp, node)) {
        honest.handshake(8444);
      }
      double ms = (System.nanoTime() - t0) / 1e6;
      int open = 0;
      for (LoadPeer p : idle) {
        open += p.isOpen() ? 1 : 0;
      }
      return new HalfOpen(count, open, ms);
    } finally {
      for (LoadPeer p : idle) {
        p.close();
      }
    }
  }

  /**
   * Connects an honest peer from 127.0.2.2 and lets it receive the node's inventory, then floods
   * {@code node} from 127.0.2.1 with {@code invs} invs of {@code known} (vectors it holds) for at
   * most {@code limit}, while calling its API in a loop ({@code clientStatus} and {@code
   * getAllInboxMessageIds}, which reads the database); half a second into the flood the honest peer
   * announces {@code fresh} and delivers it on request.
   */
  public static Flood invFlood(
      Node node,
      ApiClient api,
      List<InventoryVector> known,
      int invs,
      ObjectMessage fresh,
      Duration limit)
      throws Exception {
    InetSocketAddress at = node.listenAddress().orElseThrow();
    AtomicBoolean flooding = new AtomicBoolean(true);
    AtomicInteger sent = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (LoadPeer honest = LoadPeer.connect("127.0.2.2", at)) {
      honest.handshake(8444);
      int announced = 0;
      while (announced < known.size()) {
        announced +=
            honest
                .next(Inv.class, LIMIT)
                .orElseThrow(() -> new IllegalStateException("no inventory from the node"))
                .vectors()
                .size();
      }
      long t0 = System.nanoTime();
      long deadline = t0 + limit.toNanos();
      Future<?> flood =
          threads.submit(
              () -> {
                try (LoadPeer flooder = LoadPeer.connect("127.0.2.1", at)) {
                  flooder.handshake(8444);
                  byte[] inv = MessageFrameCodec.encode(new Inv(known)).toByteArray();
                  while (sent.get() < invs && System.nanoTime() < deadline) {
                    flooder.sendRaw(inv);
                    sent.incrementAndGet();
                  }
                } finally {
                  flooding.set(false);
                }
                return null;
              });
      Future<double[]> latencies = threads.submit(() -> apiLatencies(api, flooding));
      Thread.sleep(500);
      long announcedAt = System.nanoTime();
      honest.send(new Inv(List.of(fresh.inventoryVector())));
      deliverWhenAsked(honest, fresh);
      double stored = awaitStored(node, fresh, announcedAt);
      flood.get();
      double seconds = (System.nanoTime() - t0) / 1e9;
      double[] ms = latencies.get();
      Arrays.sort(ms);
      return new Flood(
          sent.get(),
          seconds,
          ms.length,
          percentile(ms, 0.50),
          percentile(ms, 0.99),
          ms.length == 0 ? 0 : ms[ms.length - 1],
          stored);
    } finally {
      threads.shutdownNow();
    }
  }

  /** API round trips (ms) while {@code running}, at least 20. */
  private static double[] apiLatencies(ApiClient api, AtomicBoolean running) {
    List<Double> out = new ArrayList<>();
    while (running.get() || out.size() < 20) {
      out.add(apiCall(api, out.size()));
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** One API round trip, ms: {@code clientStatus} and {@code getAllInboxMessageIds} in turn. */
  private static double apiCall(ApiClient api, int i) {
    long t = System.nanoTime();
    api.call(i % 2 == 0 ? "clientStatus" : "getAllInboxMessageIds");
    return (System.nanoTime() - t) / 1e6;
  }

  /** The 99th percentile of {@code calls} API round trips with nothing else going on (baseline). */
  public static double idleApiP99(ApiClient api, int calls) {
    double[] ms = new double[calls];
    for (int i = 0; i < calls; i++) {
      ms[i] = apiCall(api, i);
    }
    Arrays.sort(ms);
    return percentile(ms, 0.99);
  }

  /**
   * From {@code honestIp}: handshake, announce {@code o}, deliver it when asked; returns the
   * milliseconds from the announcement until the node has stored it.
   */
  public static double honestDelivery(
      Node node, InetSocketAddress at, ObjectMessage o, String honestIp) throws Exception {
    try (LoadPeer honest = LoadPeer.connect(honestIp, at)) {
      honest.handshake(8444);
      long t0 = System.nanoTime();
      honest.send(new Inv(List.of(o.inventoryVector())));
      deliverWhenAsked(honest, o);
      return awaitStored(node, o, t0);
    }
  }

  /**
   * Announces {@code o} from a silent peer (127.0.3.1) that never delivers, waits until the node
   * asked it, then announces it from an honest peer (127.0.3.2) that delivers when asked; returns
   * the milliseconds from the honest announcement until the node stored it.
   */
  public static double silentAnnouncer(Node node, ObjectMessage o) throws Exception {
    InetSocketAddress at = node.listenAddress().orElseThrow();
    try (LoadPeer silent = LoadPeer.connect("127.0.3.1", at);
        LoadPeer honest = LoadPeer.connect("127.0.3.2", at)) {
      silent.handshake(8444);
      honest.handshake(8444);
      silent.send(new Inv(List.of(o.inventoryVector())));
      if (silent.next(GetData.class, LIMIT).isEmpty()) {
        throw new IllegalStateException("the node never asked the first announcer");
      }
      long t0 = System.nanoTime();
      honest.send(new Inv(List.of(o.inventoryVector())));
      deliverWhenAsked(honest, o);
      return awaitStored(node, o, t0);
    }
  }

  private static void deliverWhenAsked(LoadPeer peer, ObjectMessage o) throws IOException {
    while (true) {
      GetData g =
          peer.next(GetData.class, LIMIT)
              .orElseThrow(() -> new IllegalStateException("the node never asked for the object"));
      if (g.vectors().contains(o.inventoryVector())) {
        peer.send(o);
        return;
      }
    }
  }

  private static double awaitStored(Node node, ObjectMessage o, long t0)
      throws InterruptedException {
    long deadline = t0 + LIMIT.toNanos();
    while (!node.inventory().contains(o.inventoryVector())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("object not stored within " + LIMIT);
      }
      Thread.sleep(2);
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  /**
   * Makes {@code count} objects under {@code rules} and stores them in {@code dataDir}'s database
   * (before the node starts, which then loads their vectors); returns their vectors.
   */
  public static List<InventoryVector> preload(
      Path dataDir, int count, PowRules rules, NetworkParams params, long seed) throws IOException {
    Files.createDirectories(dataDir);
    Clock clock = Clock.systemUTC();
    long now = clock.instant().getEpochSecond();
    ObjectMaker maker = new ObjectMaker(rules, seed, 1);
    List<InventoryVector> out = new ArrayList<>(count);
    try (SqliteDatabase db = SqliteDatabase.open(dataDir.resolve("node.db"));
        SqliteInventory inventory = new SqliteInventory(db, false)) {
      ObjectIngest ingest =
          new ObjectIngest(
              new ObjectValidator(new NetworkPowCheck(rules), params::servesStream),
              inventory,
              clock);
      List<ObjectMessage> batch = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ObjectMessage o = maker.make(now, 3 * 86_400 + i % 3600, 100);
        batch.add(o);
        out.add(o.inventoryVector());
        if (batch.size() == 1000 || i == count - 1) {
          ingest.ingestAll(batch);
          batch.clear();
        }
      }
    }
    return out;
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
