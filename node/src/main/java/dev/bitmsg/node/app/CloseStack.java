package dev.bitmsg.node.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a composition has opened so far, closed in reverse order: the last thing opened is closed
 * first, and a close that fails is logged and does not keep the others open. Thread-safe; closing
 * twice closes nothing the second time.
 */
final class CloseStack implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CloseStack.class);

  private final Deque<AutoCloseable> open = new ArrayDeque<>(); // guarded by this

  /** Registers {@code c} to be closed before everything registered earlier; returns it. */
  synchronized <T extends AutoCloseable> T push(T c) {
    open.push(c);
    return c;
  }

  @Override
  public synchronized void close() {
    while (!open.isEmpty()) {
      AutoCloseable c = open.pop();
      try {
        c.close();
      } catch (Exception e) {
        log.warn("close failed part={}", c.getClass().getSimpleName(), e);
      }
    }
  }
}
