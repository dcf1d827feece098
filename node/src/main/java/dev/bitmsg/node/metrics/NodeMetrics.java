package dev.bitmsg.node.metrics;

import dev.bitmsg.node.messaging.MessagingListener;
import dev.bitmsg.node.messaging.MessagingView;
import dev.bitmsg.node.messaging.PubkeyWorkJobChange;
import dev.bitmsg.node.net.NodeNetwork;
import dev.bitmsg.node.net.ObjectCounters;
import dev.bitmsg.node.net.PeerInfo;
import dev.bitmsg.node.net.RelayCounts;
import dev.bitmsg.node.net.TrafficCounts;
import dev.bitmsg.node.pow.PowTiming;
import dev.bitmsg.node.store.Inventory;
import dev.bitmsg.node.store.PubkeyWorkJob;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.store.StorageHealth;
import dev.bitmsg.node.wire.ObjectType;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Prometheus metrics of one node, served on {@code /metrics}: connections by direction, objects
 * stored since start by type, objects relayed since start (by inv and getdata), inventory size,
 * inbox and outbox (by status) counts, pubkey/getpubkey work (finished by kind and outcome, pending
 * by kind), whether the disk refuses writes, and a histogram of proof-of-work time by provider and
 * outcome. Gauges read counts when scraped; finished pubkey work is counted from the messaging
 * listener. Thread-safe.
 */
public final class NodeMetrics implements AutoCloseable {
  static final double[] POW_BUCKETS = {0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Histogram powSeconds;
  private final Counter pubkeyWorkDone;
  private final MessagingView messaging;
  private final MessagingListener jobListener =
      new MessagingListener() {
        @Override
        public void pubkeyWorkChanged(PubkeyWorkJobChange change) {
          jobChanged(change);
        }
      };
  private @Nullable HTTPServer http;

  /**
   * @param counters objects stored since start, by type
   * @param pow the timing of every proof of work of the node
   */
  public NodeMetrics(
      NodeNetwork network,
      ObjectCounters counters,
      Inventory inventory,
      MessagingView messaging,
      PowTiming pow,
      StorageHealth storage) {
    this.messaging = messaging;
    GaugeWithCallback.builder()
        .name("bitmsg_node_connections")
        .help("Established peer connections")
        .labelNames("direction")
        .callback(
            cb -> {
              List<PeerInfo> peers = network.peers();
              long in = peers.stream().filter(PeerInfo::inbound).count();
              cb.call((double) in, "inbound");
              cb.call((double) (peers.size() - in), "outbound");
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("bitmsg_node_objects_stored")
        .help("New objects stored since start (received or made here)")
        .labelNames("type")
        .callback(
            cb -> {
              for (long t :
                  new long[] {
                    ObjectType.GETPUBKEY, ObjectType.PUBKEY, ObjectType.MSG, ObjectType.BROADCAST
                  }) {
                cb.call((double) counters.count(t), ObjectType.name(t).toLowerCase(Locale.ROOT));
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("bitmsg_node_objects_relayed")
        .help(
            "Objects made elsewhere passed on to a peer since start, one per object and peer:"
                + " inv entries (via=inv) and getdata answers (via=getdata)")
        .labelNames("via")
        .callback(
            cb -> {
              RelayCounts relayed = network.relayCounts();
              cb.call((double) relayed.announced(), "inv");
              cb.call((double) relayed.served(), "getdata");
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("bitmsg_node_peer_bytes")
        .help(
            "Bytes read from (direction=in) and written to (direction=out) peer connections since"
                + " start, TLS included")
        .labelNames("direction")
        .callback(
            cb -> {
              TrafficCounts t = network.traffic();
              cb.call((double) t.bytesRead(), "in");
              cb.call((double) t.bytesWritten(), "out");
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("bitmsg_node_storage_full")
        .help(
            "1 while the database refuses writes for lack of space (new work is refused; nothing"
                + " committed is lost), else 0")
        .callback(cb -> cb.call(storage.full() ? 1 : 0))
        .register(registry);
    CounterWithCallback.builder()
        .name("bitmsg_node_storage_full_refusals")
        .help("Writes the database refused for lack of space since start")
        .callback(cb -> cb.call((double) storage.fullErrors()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("bitmsg_node_inventory_objects")
        .help("Objects in the inventory")
        .callback(cb -> cb.call((double) inventory.count()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("bitmsg_node_inbox_messages")
        .help("Received messages and broadcasts")
        .callback(cb -> cb.call((double) messaging.inboxCount()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("bitmsg_node_sent_messages")
        .help("Outgoing messages and broadcasts by status")
        .labelNames("status")
        .callback(
            cb -> {
              Map<SendStatus, Long> byStatus = new EnumMap<>(SendStatus.class);
              for (SendStatus s : SendStatus.values()) {
                byStatus.put(s, 0L);
              }
              byStatus.putAll(messaging.outboxCounts());
              byStatus.forEach((s, n) -> cb.call(n, s.wireName()));
            })
        .register(registry);
    pubkeyWorkDone =
        Counter.builder()
            .name("bitmsg_node_pubkey_work_finished")
            .help(
                "Pubkey publications and getpubkey requests finished since the metrics started, by kind"
                    + " and outcome (sent: the object went out; dropped: no longer needed)")
            .labelNames("kind", "outcome")
            .register(registry);
    for (PubkeyWorkJob.Kind k : PubkeyWorkJob.Kind.values()) {
      for (PubkeyWorkJob.State st :
          List.of(PubkeyWorkJob.State.SENT, PubkeyWorkJob.State.DROPPED)) {
        pubkeyWorkDone.labelValues(kindName(k), st.wireName());
      }
    }
    messaging.addListener(jobListener);
    GaugeWithCallback.builder()
        .name("bitmsg_node_pubkey_work_pending")
        .help("Pubkey publications and getpubkey requests queued or doing proof of work, by kind")
        .labelNames("kind")
        .callback(
            cb -> {
              Map<PubkeyWorkJob.Kind, Long> byKind = new EnumMap<>(PubkeyWorkJob.Kind.class);
              for (PubkeyWorkJob.Kind k : PubkeyWorkJob.Kind.values()) {
                byKind.put(k, 0L);
              }
              for (PubkeyWorkJob j : messaging.pendingPubkeyWork()) {
                byKind.merge(j.kind(), 1L, Long::sum);
              }
              byKind.forEach((k, n) -> cb.call(n, kindName(k)));
            })
        .register(registry);
    powSeconds =
        Histogram.builder()
            .name("bitmsg_node_pow_seconds")
            .help("Time of each proof-of-work search, by provider (remote, cpu, cpu_fallback)")
            .labelNames("provider", "outcome")
            .classicOnly()
            .classicUpperBounds(POW_BUCKETS)
            .register(registry);
    ProcessMetrics.register(registry, "node");
    pow.addListener(
        s ->
            powSeconds
                .labelValues(PowProviderLabel.of(s.by()), s.ok() ? "ok" : "failed")
                .observe(s.took().toNanos() / 1e9));
  }

  private void jobChanged(PubkeyWorkJobChange c) {
    if (!c.job().state().isPending()) {
      pubkeyWorkDone.labelValues(kindName(c.job().kind()), c.job().state().wireName()).inc();
    }
  }

  private static String kindName(PubkeyWorkJob.Kind k) {
    return k.name().toLowerCase(Locale.ROOT);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** Serves {@code /metrics} on {@code host:port} (0: any free port); returns the port. */
  public synchronized int serve(String host, int port) throws IOException {
    http = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
    return http.getPort();
  }

  @Override
  public synchronized void close() {
    messaging.removeListener(jobListener);
    if (http != null) {
      http.close();
    }
  }
}
