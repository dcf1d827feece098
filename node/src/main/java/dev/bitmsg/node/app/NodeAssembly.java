package dev.bitmsg.node.app;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressCrypto;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.api.ApiMethods;
import dev.bitmsg.node.api.ApiPorts;
import dev.bitmsg.node.api.ApiServer;
import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.TlsEngines;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.crypto.bc.BcTlsContexts;
import dev.bitmsg.node.events.EventHub;
import dev.bitmsg.node.events.EventsServer;
import dev.bitmsg.node.events.NotifyHook;
import dev.bitmsg.node.messaging.AckMaker;
import dev.bitmsg.node.messaging.Addressing;
import dev.bitmsg.node.messaging.Keyring;
import dev.bitmsg.node.messaging.MessagingListeners;
import dev.bitmsg.node.messaging.MessagingStores;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.messaging.ObjectFactory;
import dev.bitmsg.node.messaging.ObjectMaking;
import dev.bitmsg.node.messaging.PowWorker;
import dev.bitmsg.node.messaging.PubkeyFinder;
import dev.bitmsg.node.messaging.ReceiveChecks;
import dev.bitmsg.node.messaging.ReceiveWorkers;
import dev.bitmsg.node.messaging.Receiver;
import dev.bitmsg.node.metrics.NodeMetrics;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.net.NetworkPowCheck;
import dev.bitmsg.node.net.ObjectCounters;
import dev.bitmsg.node.net.ObjectIngest;
import dev.bitmsg.node.net.PeerGroup;
import dev.bitmsg.node.pow.EnginePowProvider;
import dev.bitmsg.node.pow.FallbackPowProvider;
import dev.bitmsg.node.pow.PowProvider;
import dev.bitmsg.node.pow.PowTiming;
import dev.bitmsg.node.pow.RemotePowProvider;
import dev.bitmsg.node.store.ClientState;
import dev.bitmsg.node.store.ExpiryCleaner;
import dev.bitmsg.node.store.Inventory;
import dev.bitmsg.node.store.KeySealer;
import dev.bitmsg.node.store.KnownNodes;
import dev.bitmsg.node.store.Outbox;
import dev.bitmsg.node.store.OwnerOnly;
import dev.bitmsg.node.store.sqlite.SqliteClientState;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqliteIdentityStore;
import dev.bitmsg.node.store.sqlite.SqliteInbox;
import dev.bitmsg.node.store.sqlite.SqliteInventory;
import dev.bitmsg.node.store.sqlite.SqliteKnownNodes;
import dev.bitmsg.node.store.sqlite.SqliteMailingLists;
import dev.bitmsg.node.store.sqlite.SqliteOutbox;
import dev.bitmsg.node.store.sqlite.SqlitePubkeyWorkJobs;
import dev.bitmsg.node.store.sqlite.SqlitePubkeys;
import dev.bitmsg.node.store.sqlite.SqliteReceiveQueue;
import dev.bitmsg.node.store.sqlite.SqliteSenderLists;
import dev.bitmsg.node.web.WebServer;
import dev.bitmsg.node.wire.ObjectValidator;
import dev.bitmsg.pow.PowRules;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a node: the one place that builds the node's object graph from a {@link
 * NodeSetup}, in dependency order: database and stores, crypto, the PoW provider, object ingest and
 * the peer group, messaging (messenger and receiver), the periodic tasks, then the client API, the
 * push stream and the metrics. Each part gets only the interfaces it uses; no other class opens a
 * SQLite store, creates the crypto suite or chooses a PoW provider (checked by the architecture
 * test). Everything opened is closed in reverse order by {@link Node#close()}, or at once when a
 * later step fails. Stateless.
 */
public final class NodeAssembly {
  private static final Logger log = LoggerFactory.getLogger(NodeAssembly.class);

  private NodeAssembly() {}

  /**
   * Builds and starts a node: networking, messaging, periodic tasks and the interfaces the setup
   * asks for.
   *
   * @throws IOException when the data directory cannot be made or an interface cannot bind
   */
  public static Node start(NodeSetup setup) throws IOException, InterruptedException {
    // Global and read once by the TLS providers: relax it before any TLS class loads.
    BcTlsContexts.allowAnonymousEcdh();
    CloseStack open = new CloseStack();
    try {
      return assemble(setup, open);
    } catch (IOException | InterruptedException | RuntimeException e) {
      open.close();
      throw e;
    }
  }

  private static Node assemble(NodeSetup setup, CloseStack open)
      throws IOException, InterruptedException {
    NodeConfig config = setup.config();
    NetworkParams params = setup.params();
    PowRules rules = setup.powRules();
    Clock clock = setup.seams().clock();

    OwnerOnly.directory(config.dataDir());
    open.push(DataDirLock.acquire(config.dataDir()));
    SqliteDatabase db = open.push(SqliteDatabase.open(config.databaseFile()));
    setup.seams().databaseOpened().accept(db);
    Inventory inventory = new SqliteInventory(db, false);
    KnownNodes knownNodes = new SqliteKnownNodes(db, false);
    log.info(
        "node database opened file={} schema={} objects={} knownNodes={}",
        db.file(),
        db.schemaVersion(),
        inventory.count(),
        knownNodes.count());

    CryptoSuite crypto = BcCryptoSuite.create();
    AddressCodec codec = new AddressCodec(crypto.hashes());
    AddressCrypto addressCrypto = new AddressCrypto(crypto.hashes(), crypto.keys());
    MessagingListeners listeners = new MessagingListeners();
    MessagingStores stores =
        new MessagingStores(
            SqliteIdentityStore.open(
                db, codec, crypto.keys(), setup.keyPassphrase(), KeySealer.DEFAULT_ITERATIONS),
            new SqliteOutbox(db),
            new SqliteInbox(db),
            new SqlitePubkeys(db),
            new SqlitePubkeyWorkJobs(db),
            new SqliteSenderLists(db, clock),
            new SqliteMailingLists(db));
    stores = setup.seams().storesWrapper().apply(stores).observedBy(listeners);
    if (setup.keyPassphrase().isEmpty()) {
      log.warn(
          "private keys not sealed at rest, start with --key-passphrase-file FILE to seal them"
              + " database={} identities={}",
          db.file(),
          stores.identities().identities().size());
    }

    PowTiming powTiming = new PowTiming();
    PowProvider provider =
        open.push(powTiming.wrap(setup.seams().powWrapper().apply(powProvider(config))));
    PowWorker pow = new PowWorker(provider, rules);

    ObjectCounters counters = new ObjectCounters();
    ObjectIngest ingest =
        new ObjectIngest(
            new ObjectValidator(new NetworkPowCheck(rules), params::servesStream),
            inventory,
            clock);
    ingest.addStoredListener(counters);
    Optional<InetSocketAddress> listen =
        config.listen().map(hp -> new InetSocketAddress(hp.host(), hp.port()));
    PeerGroup peers =
        open.push(
            new PeerGroup(
                params,
                config.peers(),
                new PeerGroup.Mode(listen, config.connect(), config.bootstrap(), config.privacy()),
                ingest,
                knownNodes,
                tlsEngines(params),
                clock));

    IdentityGenerator generator =
        new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random());
    Addressing addressing =
        new Addressing(
            codec,
            new Keyring(stores.identities(), codec, addressCrypto),
            new PubkeyFinder(
                codec,
                addressCrypto,
                crypto.ecies(),
                crypto.verifier(),
                inventory,
                stores.pubkeys(),
                clock),
            generator);
    ObjectMaking making =
        new ObjectMaking(
            new ObjectFactory(addressCrypto, crypto.signer(), crypto.ecies()),
            new AckMaker(
                setup.messaging().ackStealthLevel(),
                crypto.ecies(),
                crypto.keys(),
                crypto.random()),
            pow,
            peers::submit);
    Messenger messenger =
        open.push(new Messenger(setup.messaging(), clock, stores, addressing, making, listeners));
    Receiver receiver =
        new Receiver(
            messenger,
            stores,
            addressing,
            new ReceiveChecks(crypto.ecies(), crypto.verifier(), crypto.hashes(), rules),
            setup.messaging(),
            peers::submit,
            clock);
    ReceiveWorkers receiving =
        open.push(
            new ReceiveWorkers(
                new SqliteReceiveQueue(db),
                receiver::process,
                setup.messaging().checkInterval(),
                ReceiveWorkers.defaultThreads()));
    ingest.addStoredListener(receiving::offer);
    peers.start();
    if (config.privacy().onionHost().isPresent()) {
      open.push(
          new OnionAnnouncer(
                  config.privacy().onionHost().get(),
                  config.privacy().onionPort(),
                  pow,
                  peers,
                  clock)
              .start());
    }
    messenger.start();
    receiving.start(); // processes what a killed run left unprocessed

    ExpiryCleaner cleaner =
        new ExpiryCleaner(
            inventory, Optional.of(stores.pubkeys()), Optional.of(stores.pubkeyWork()), clock);
    open.push(
        NodeTasks.start(
            config.cleanupInterval(), cleaner, ingest, peers, inventory, knownNodes, clock));

    NodeInterfaces interfaces = setup.interfaces();
    Optional<InetSocketAddress> api = Optional.empty();
    OptionalInt events = OptionalInt.empty();
    OptionalInt metrics = OptionalInt.empty();
    Optional<String> web = Optional.empty();
    Optional<ApiPorts> clientPorts = Optional.empty();
    if (interfaces.api().isPresent() || interfaces.web().isPresent()) {
      ClientState state = open.push(SqliteClientState.open(config.dataDir().resolve("api.db")));
      moveOldSentTrash(state, stores.outbox());
      clientPorts =
          Optional.of(
              new ApiPorts(
                  messenger,
                  state,
                  codec,
                  generator,
                  new ApiPorts.Network(
                      peers, counters, inventory, pow, clock, interfaces.softwareVersion()),
                  new ApiPorts.Maintenance(
                      stores.inbox(), stores.outbox(), db, interfaces.shutdown()),
                  new ApiPorts.Lists(stores.senderLists(), stores.mailingLists())));
    }
    if (interfaces.web().isPresent()) {
      web =
          Optional.of(
              open.push(
                      WebServer.start(
                          interfaces.web().get(), clientPorts.orElseThrow(), powTiming, clock))
                  .url());
    }
    if (interfaces.api().isPresent()) {
      ApiSettings settings = interfaces.api().get();
      ApiPorts ports = clientPorts.orElseThrow();
      api =
          Optional.of(
              open.push(ApiServer.start(settings, new ApiMethods(ports, settings.variant())))
                  .address());
      if (interfaces.events().isPresent()) {
        HostPort at = interfaces.events().get();
        EventHub hub = open.push(new EventHub(peers, messenger, clock));
        EventsServer server =
            open.push(
                EventsServer.start(
                    hub, at.host(), at.port(), settings.user(), settings.password()));
        events = OptionalInt.of(server.port());
      }
    }
    if (interfaces.metrics().isPresent()) {
      HostPort at = interfaces.metrics().get();
      NodeMetrics nodeMetrics =
          open.push(new NodeMetrics(peers, counters, inventory, messenger, powTiming, db));
      metrics = OptionalInt.of(nodeMetrics.serve(at.host(), at.port()));
    }
    if (interfaces.notifyCommand().isPresent()) {
      NotifyHook hook = open.push(new NotifyHook(interfaces.notifyCommand().get()));
      messenger.addListener(hook);
      hook.startingUp();
    }
    return new Node(
        new Node.Parts(messenger, peers, ingest, inventory, knownNodes, cleaner, stores.inbox()),
        new Node.Endpoints(api, events, metrics, web),
        open);
  }

  /** Sent trash marks of an older {@code api.db} go into the outbox, which acts on them. */
  private static void moveOldSentTrash(ClientState state, Outbox outbox) {
    Set<Long> old = state.oldSentTrash();
    if (old.isEmpty()) {
      return;
    }
    for (long id : old) {
      outbox.setTrashed(id, true);
    }
    state.dropOldSentTrash();
    log.info("sent trash marks moved into the outbox count={}", old.size());
  }

  /** The remote service with the CPU as fallback when one is configured, else the CPU. */
  private static PowProvider powProvider(NodeConfig config) {
    EnginePowProvider cpu = EnginePowProvider.cpu(Runtime.getRuntime().availableProcessors());
    if (config.powService().isEmpty()) {
      return cpu;
    }
    return new FallbackPowProvider(
        new RemotePowProvider(config.powService().get().clientSettings()), cpu);
  }

  /** TLS engines when the node advertises {@code NODE_SSL}. */
  private static Optional<TlsEngines> tlsEngines(NetworkParams params) {
    return params.advertisesTls() ? Optional.of(BcTlsContexts.create()) : Optional.empty();
  }
}
