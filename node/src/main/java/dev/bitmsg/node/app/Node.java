package dev.bitmsg.node.app;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.messaging.Messaging;
import dev.bitmsg.node.messaging.MessagingSettings;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.ObjectIngest;
import dev.bitmsg.node.net.PeerGroup;
import dev.bitmsg.node.pow.PowProvider;
import dev.bitmsg.node.pow.PowProviders;
import dev.bitmsg.node.store.ExpiryCleaner;
import dev.bitmsg.node.store.Inventory;
import dev.bitmsg.node.store.KeySealer;
import dev.bitmsg.node.store.KnownNodes;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqliteIdentityStore;
import dev.bitmsg.node.store.sqlite.SqliteInventory;
import dev.bitmsg.node.store.sqlite.SqliteKnownNodes;
import dev.bitmsg.node.store.sqlite.SqliteMailStore;
import dev.bitmsg.node.store.sqlite.SqlitePubkeyWorkJobs;
import dev.bitmsg.node.wire.ObjectValidator;
import dev.bitmsg.node.wire.PowCheck;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a running node: database, inventory, known nodes, validation, the peer
 * group and the periodic tasks (expiry cleanup, known-node pruning, a status line). Started by
 * {@link #start}, stopped by {@link #close()} in reverse order. Thread-safe.
 */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);
  private static final Duration STATUS_EVERY = Duration.ofSeconds(60);
  private static final long KNOWN_NODE_MAX_AGE = 28L * 24 * 3600;

  private final NodeConfig config;
  private final SqliteDatabase db;
  private final Inventory inventory;
  private final KnownNodes knownNodes;
  private final PeerGroup peers;
  private final ExpiryCleaner cleaner;
  private final ScheduledExecutorService tasks;
  // Handles of the periodic tasks, cancelled on close; each task logs its own failures.
  private final List<ScheduledFuture<?>> periodic = new ArrayList<>();
  private final Clock clock;

  @SuppressWarnings("NullAway.Init") // both set by open() before it returns the node
  private Messaging messaging;

  @SuppressWarnings("NullAway.Init")
  private ObjectIngest ingest;

  private final dev.bitmsg.node.metrics.ObjectCounters objectCounters =
      new dev.bitmsg.node.metrics.ObjectCounters();
  private final dev.bitmsg.node.metrics.PowTiming powTiming =
      new dev.bitmsg.node.metrics.PowTiming();

  private Node(
      NodeConfig config,
      SqliteDatabase db,
      Inventory inventory,
      KnownNodes knownNodes,
      PeerGroup peers,
      ExpiryCleaner cleaner,
      ScheduledExecutorService tasks,
      Clock clock) {
    this.config = config;
    this.db = db;
    this.inventory = inventory;
    this.knownNodes = knownNodes;
    this.peers = peers;
    this.cleaner = cleaner;
    this.tasks = tasks;
    this.clock = clock;
  }

  /** Opens the database, starts networking and the periodic tasks. */
  public static Node start(NodeConfig config, NetworkParams params, PowCheck pow, Clock clock)
      throws InterruptedException {
    return start(config, params, pow, clock, MessagingSettings.defaults(), Optional.empty());
  }

  /**
   * Opens the database, starts networking, the messaging layer and the periodic tasks.
   *
   * @param keyPassphrase seals private keys at rest (required once set)
   */
  public static Node start(
      NodeConfig config,
      NetworkParams params,
      PowCheck pow,
      Clock clock,
      MessagingSettings messagingSettings,
      Optional<char[]> keyPassphrase)
      throws InterruptedException {
    return start(
        config, params, pow, clock, messagingSettings, keyPassphrase, UnaryOperator.identity());
  }

  /**
   * {@link #start(NodeConfig, NetworkParams, PowCheck, Clock, MessagingSettings, Optional)} with
   * the chosen proof-of-work provider passed through {@code powWrapper} (tests hold or watch the
   * work with it).
   */
  public static Node start(
      NodeConfig config,
      NetworkParams params,
      PowCheck pow,
      Clock clock,
      MessagingSettings messagingSettings,
      Optional<char[]> keyPassphrase,
      UnaryOperator<PowProvider> powWrapper)
      throws InterruptedException {
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
    }
    SqliteDatabase db = SqliteDatabase.open(config.databaseFile());
    Inventory inventory = new SqliteInventory(db, false);
    KnownNodes knownNodes = new SqliteKnownNodes(db, false);
    ObjectValidator validator = new ObjectValidator(pow, params::servesStream);
    ObjectIngest ingest = new ObjectIngest(validator, inventory, clock);
    Optional<InetSocketAddress> listen =
        config.listen().map(hp -> new InetSocketAddress(hp.host(), hp.port()));
    PeerGroup peers =
        new PeerGroup(
            params,
            config.peers(),
            new PeerGroup.Mode(listen, config.connect(), config.bootstrap()),
            ingest,
            knownNodes,
            clock);
    SqliteMailStore mail = new SqliteMailStore(db);
    SqlitePubkeyWorkJobs powJobs = new SqlitePubkeyWorkJobs(db);
    ExpiryCleaner cleaner =
        new ExpiryCleaner(inventory, Optional.of(mail), Optional.of(powJobs), clock);
    ScheduledThreadPoolExecutor tasks =
        new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("bitmsg-node-tasks", true));
    Node node = new Node(config, db, inventory, knownNodes, peers, cleaner, tasks, clock);
    node.ingest = ingest;
    ingest.addStoredListener(node.objectCounters);
    log.info(
        "node: database {} (schema {}), {} objects, {} known nodes",
        db.file(),
        db.schemaVersion(),
        inventory.count(),
        knownNodes.count());
    try {
      CryptoSuite crypto = BcCryptoSuite.create();
      SqliteIdentityStore identities =
          SqliteIdentityStore.open(
              db,
              new AddressCodec(crypto.hashes()),
              crypto.keys(),
              keyPassphrase,
              KeySealer.DEFAULT_ITERATIONS);
      PowProvider powProvider =
          node.powTiming.wrap(
              powWrapper.apply(
                  PowProviders.create(
                      config.powService(),
                      config.powToken(),
                      Runtime.getRuntime().availableProcessors())));
      node.messaging =
          new Messaging(
              messagingSettings,
              crypto,
              identities,
              mail,
              powJobs,
              inventory,
              powProvider,
              peers::submit,
              clock);
      ingest.addStoredListener(node.messaging.receiver()::onStored);
      peers.start();
      node.messaging.start();
    } catch (RuntimeException | InterruptedException e) {
      node.close();
      throw e;
    }
    long cleanup = config.cleanupInterval().toMillis();
    node.periodic.add(
        tasks.scheduleWithFixedDelay(cleaner, cleanup, cleanup, TimeUnit.MILLISECONDS));
    node.periodic.add(tasks.scheduleWithFixedDelay(node::pruneKnownNodes, 1, 60, TimeUnit.MINUTES));
    node.periodic.add(
        tasks.scheduleWithFixedDelay(
            node::logStatus, STATUS_EVERY.toSeconds(), STATUS_EVERY.toSeconds(), TimeUnit.SECONDS));
    return node;
  }

  private void pruneKnownNodes() {
    try {
      long now = clock.instant().getEpochSecond();
      knownNodes.prune(now - KNOWN_NODE_MAX_AGE, now - 3 * 3600);
    } catch (RuntimeException e) {
      log.warn("pruning known nodes failed", e);
    }
  }

  private void logStatus() {
    try {
      var relayed = peers.relayCounts();
      log.info(
          "status: {} peers, {} objects, {} known nodes, {} banned, relayed {} by inv, {} by getdata",
          peers.peers().size(),
          inventory.count(),
          knownNodes.count(),
          peers.banList().size(),
          relayed.announced(),
          relayed.served());
    } catch (RuntimeException e) {
      log.warn("status failed", e);
    }
  }

  /** The messaging layer: identities, outbox, inbox. */
  public Messenger messenger() {
    return messaging.messenger();
  }

  /** Calls {@code listener} for every object newly stored (from peers or made here). */
  public void addStoredListener(
      java.util.function.Consumer<dev.bitmsg.node.wire.ObjectMessage> listener) {
    ingest.addStoredListener(listener);
  }

  /** New objects stored since start, by type. */
  public dev.bitmsg.node.metrics.ObjectCounters objectCounters() {
    return objectCounters;
  }

  /** Timing of every proof of work this node does (metrics). */
  public dev.bitmsg.node.metrics.PowTiming powTiming() {
    return powTiming;
  }

  public NodeConfig config() {
    return config;
  }

  public PeerGroup peers() {
    return peers;
  }

  public Inventory inventory() {
    return inventory;
  }

  public KnownNodes knownNodes() {
    return knownNodes;
  }

  public ExpiryCleaner cleaner() {
    return cleaner;
  }

  public SqliteDatabase database() {
    return db;
  }

  /** The bound listen address (empty in client-only mode). */
  public Optional<InetSocketAddress> listenAddress() {
    return peers.boundAddress();
  }

  @Override
  public void close() {
    if (messaging != null) {
      messaging.close();
    }
    periodic.forEach(p -> p.cancel(false));
    tasks.shutdownNow();
    peers.close();
    try {
      tasks.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    db.close();
    log.info("node: stopped");
  }
}
