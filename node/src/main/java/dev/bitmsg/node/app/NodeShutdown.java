package dev.bitmsg.node.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clean stop of a {@code bm node} process: closes what was started (the node, then the API,
 * metrics and events servers) in reverse order, exactly once, whichever asks first: SIGTERM or
 * Ctrl-C (the shutdown hook) or the API's {@code shutdown} call ({@link #request()}, after which
 * the main thread stops everything and the process exits with status 0). A stop that is already
 * running makes the other caller wait for it to finish, so the JVM never halts half-way.
 * Thread-safe.
 */
final class NodeShutdown {
  private static final Logger log = LoggerFactory.getLogger(NodeShutdown.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>(); // guarded by this
  private final CountDownLatch requested = new CountDownLatch(1);
  private boolean stopped; // guarded by this

  /** Registers something to close on stop; closed before everything registered earlier. */
  synchronized void started(AutoCloseable service) {
    started.push(service);
  }

  /** Installs the SIGTERM/Ctrl-C hook. */
  void hookIntoJvm() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "bitmsg-shutdown"));
  }

  /** Asks the main thread to stop the process (the API's shutdown call). */
  void request() {
    requested.countDown();
  }

  /** Blocks the main thread until {@link #request()}. */
  void awaitRequest() throws InterruptedException {
    requested.await();
  }

  /** Closes everything registered, most recent first; later calls do nothing. */
  synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    while (!started.isEmpty()) {
      AutoCloseable s = started.pop();
      try {
        s.close();
      } catch (Exception e) {
        log.warn("close failed part={}", s, e);
      }
    }
  }
}
