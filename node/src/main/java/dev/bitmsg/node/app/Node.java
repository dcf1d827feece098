package dev.bitmsg.node.app;

import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.net.ObjectIngest;
import dev.bitmsg.node.net.PeerGroup;
import dev.bitmsg.node.store.ExpiryCleaner;
import dev.bitmsg.node.store.Inbox;
import dev.bitmsg.node.store.Inventory;
import dev.bitmsg.node.store.KnownNodes;
import dev.bitmsg.node.wire.ObjectMessage;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node, as {@link NodeAssembly#start} built it: the handle its owner (the {@code node}
 * command, the demo, a test) keeps to reach the parts it drives and to stop everything, in reverse
 * order of start, with {@link #close()}. The parts never see this handle: each got what it uses
 * from the composition root. Thread-safe.
 */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);

  /** The parts an owner drives. Immutable. */
  record Parts(
      Messenger messenger,
      PeerGroup peers,
      ObjectIngest ingest,
      Inventory inventory,
      KnownNodes knownNodes,
      ExpiryCleaner cleaner,
      Inbox inbox) {}

  /** Where the interfaces listen, each empty when off. Immutable. */
  record Endpoints(
      Optional<InetSocketAddress> api,
      OptionalInt events,
      OptionalInt metrics,
      Optional<String> webUrl) {}

  private final Parts parts;
  private final Endpoints endpoints;
  private final CloseStack open;

  Node(Parts parts, Endpoints endpoints, CloseStack open) {
    this.parts = parts;
    this.endpoints = endpoints;
    this.open = open;
  }

  /** The messaging facade: identities, sending, the inbox and outbox. */
  public Messenger messenger() {
    return parts.messenger();
  }

  /** The peer connections. */
  public PeerGroup peers() {
    return parts.peers();
  }

  /** Calls {@code listener} for every object newly stored (from peers or made here). */
  public void addStoredListener(Consumer<ObjectMessage> listener) {
    parts.ingest().addStoredListener(listener);
  }

  public Inventory inventory() {
    return parts.inventory();
  }

  /** The path objects take into the node (the benchmarks feed it directly). */
  ObjectIngest ingest() {
    return parts.ingest();
  }

  public KnownNodes knownNodes() {
    return parts.knownNodes();
  }

  /**
   * The inbox as the messaging layer files into it: a message added here is told to the listeners
   * (the push stream) as a received one is. For the mailbox benchmark.
   */
  Inbox inbox() {
    return parts.inbox();
  }

  /** The expiry cleanup the node runs every cleanup interval (an owner may run it now). */
  public ExpiryCleaner cleaner() {
    return parts.cleaner();
  }

  /** The bound listen address (empty in client-only mode). */
  public Optional<InetSocketAddress> listenAddress() {
    return parts.peers().boundAddress();
  }

  /** The bound client API address (empty without an API). */
  public Optional<InetSocketAddress> apiAddress() {
    return endpoints.api();
  }

  /** The address of the web interface to open in a browser (empty without one). */
  public Optional<String> webUrl() {
    return endpoints.webUrl();
  }

  /** The bound port of the push stream (empty without one). */
  public OptionalInt eventsPort() {
    return endpoints.events();
  }

  /** The bound port of {@code /metrics} (empty without metrics). */
  public OptionalInt metricsPort() {
    return endpoints.metrics();
  }

  @Override
  public void close() {
    open.close();
    log.info("node stopped");
  }
}
