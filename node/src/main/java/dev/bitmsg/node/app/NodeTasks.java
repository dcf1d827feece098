package dev.bitmsg.node.app;

import dev.bitmsg.node.net.ObjectIngest;
import dev.bitmsg.node.net.PeerGroup;
import dev.bitmsg.node.net.RelayCounts;
import dev.bitmsg.node.store.ExpiryCleaner;
import dev.bitmsg.node.store.Inventory;
import dev.bitmsg.node.store.KnownNodes;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's periodic upkeep on one daemon thread: the expiry cleanup (every cleanup interval; the
 * in-memory index of known vectors follows it), pruning of known nodes (hourly) and a status line
 * (every minute). Each task logs its own failures and keeps its schedule. Thread-safe.
 */
final class NodeTasks implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeTasks.class);
  private static final Duration STATUS_EVERY = Duration.ofSeconds(60);
  private static final long KNOWN_NODE_MAX_AGE = 28L * 24 * 3600;
  private static final long LOW_RATED_MAX_AGE = 3L * 3600;

  private final ScheduledThreadPoolExecutor tasks =
      new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("bitmsg-node-tasks", true));
  private final List<ScheduledFuture<?>> periodic;
  private final PeerGroup peers;
  private final Inventory inventory;
  private final KnownNodes knownNodes;
  private final ExpiryCleaner cleaner;
  private final ObjectIngest ingest;
  private final Clock clock;

  private NodeTasks(
      Duration cleanupInterval,
      ExpiryCleaner cleaner,
      ObjectIngest ingest,
      PeerGroup peers,
      Inventory inventory,
      KnownNodes knownNodes,
      Clock clock) {
    this.cleaner = cleaner;
    this.ingest = ingest;
    this.peers = peers;
    this.inventory = inventory;
    this.knownNodes = knownNodes;
    this.clock = clock;
    long cleanup = cleanupInterval.toMillis();
    long status = STATUS_EVERY.toSeconds();
    this.periodic =
        List.of(
            tasks.scheduleWithFixedDelay(this::cleanup, cleanup, cleanup, TimeUnit.MILLISECONDS),
            tasks.scheduleWithFixedDelay(this::pruneKnownNodes, 1, 60, TimeUnit.MINUTES),
            tasks.scheduleWithFixedDelay(this::logStatus, status, status, TimeUnit.SECONDS));
  }

  /** Schedules the upkeep of a started node. */
  static NodeTasks start(
      Duration cleanupInterval,
      ExpiryCleaner cleaner,
      ObjectIngest ingest,
      PeerGroup peers,
      Inventory inventory,
      KnownNodes knownNodes,
      Clock clock) {
    return new NodeTasks(cleanupInterval, cleaner, ingest, peers, inventory, knownNodes, clock);
  }

  /**
   * The expiry cleanup, then the same cutoff applied to the network's in-memory index of known
   * vectors, so that it keeps in step with the inventory.
   */
  private void cleanup() {
    cleaner.run();
    try {
      long cutoff = clock.instant().getEpochSecond() - ExpiryCleaner.GRACE.toSeconds();
      int forgotten = ingest.forgetExpiredBefore(cutoff);
      if (forgotten > 0) {
        log.debug("expired vectors forgotten count={} known={}", forgotten, ingest.knownCount());
      }
    } catch (RuntimeException e) {
      log.warn("forgetting expired vectors failed", e);
    }
  }

  private void pruneKnownNodes() {
    try {
      long now = clock.instant().getEpochSecond();
      knownNodes.prune(now - KNOWN_NODE_MAX_AGE, now - LOW_RATED_MAX_AGE);
    } catch (RuntimeException e) {
      log.warn("known nodes pruning failed", e);
    }
  }

  private void logStatus() {
    try {
      RelayCounts relayed = peers.relayCounts();
      log.info(
          "node status peers={} handshaking={} objects={} knownNodes={} banned={} relayedByInv={}"
              + " relayedByGetdata={}",
          peers.peers().size(),
          peers.inboundHandshaking(),
          inventory.count(),
          knownNodes.count(),
          peers.banList().size(),
          relayed.announced(),
          relayed.served());
    } catch (RuntimeException e) {
      log.warn("node status failed", e);
    }
  }

  @Override
  public void close() {
    periodic.forEach(p -> p.cancel(false));
    tasks.shutdownNow();
    try {
      tasks.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
