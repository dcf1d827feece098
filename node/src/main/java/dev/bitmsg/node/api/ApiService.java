package dev.bitmsg.node.api;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.messaging.PowWorker;
import dev.bitmsg.node.metrics.ObjectCounters;
import dev.bitmsg.node.pow.EnginePowProvider;
import dev.bitmsg.node.store.ClientState;
import dev.bitmsg.node.store.sqlite.SqliteClientState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The client API of one node: its state file, counters, methods and HTTP server, started together
 * and closed in reverse order. Thread-safe.
 */
public final class ApiService implements AutoCloseable {
  private final ClientState state;
  private final ApiServer server;
  private final ObjectCounters counters;
  private final Path dataDir;
  private final Object powLock = new Object();
  private @Nullable EnginePowProvider powProvider; // guarded by powLock

  private ApiService(
      ClientState state,
      ObjectCounters counters,
      ApiSettings settings,
      Node node,
      int easeBits,
      String version,
      Optional<Runnable> shutdown)
      throws IOException {
    this.state = state;
    this.counters = counters;
    this.dataDir = node.config().dataDir();
    ApiMethods methods =
        new ApiMethods(
            node,
            state,
            BcCryptoSuite.create(),
            () -> {
              synchronized (powLock) {
                if (powProvider == null) {
                  powProvider = EnginePowProvider.cpu(Runtime.getRuntime().availableProcessors());
                }
                return new PowWorker(powProvider, easeBits);
              }
            },
            Clock.systemUTC(),
            version,
            counters,
            shutdown);
    this.server = ApiServer.start(settings, methods);
  }

  /**
   * Starts the API for {@code node}.
   *
   * @param easeBits the node's eased PoW (tests only; 0 in production)
   */
  public static ApiService start(Node node, ApiSettings settings, int easeBits, String version)
      throws IOException {
    return start(node, settings, easeBits, version, Optional.empty());
  }

  /**
   * Starts the API for {@code node} in a process that can be stopped through it.
   *
   * @param shutdown the process's clean stop, run once the {@code shutdown} call's reply is out
   */
  public static ApiService start(
      Node node, ApiSettings settings, int easeBits, String version, Optional<Runnable> shutdown)
      throws IOException {
    Path dataDir = node.config().dataDir();
    ClientState state = SqliteClientState.open(dataDir.resolve("api.db"));
    ObjectCounters counters = node.objectCounters();
    try {
      return new ApiService(state, counters, settings, node, easeBits, version, shutdown);
    } catch (IOException | RuntimeException e) {
      state.close();
      throw e;
    }
  }

  public InetSocketAddress address() {
    return server.address();
  }

  /** The node's data directory (where {@code api.conf} goes). */
  public Path dataDir() {
    return dataDir;
  }

  public ObjectCounters counters() {
    return counters;
  }

  @Override
  public void close() {
    server.close();
    synchronized (powLock) {
      if (powProvider != null) {
        powProvider.close();
      }
    }
    state.close();
  }
}
