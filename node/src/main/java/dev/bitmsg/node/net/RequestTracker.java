package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.InventoryVector;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which objects are being fetched, node-wide, so two peers announcing the same object do not both
 * get a getdata for it. A claim lasts until released (object delivered) or its deadline (peer
 * silent: the request is forgotten and another peer may be asked). Thread-safe.
 */
final class RequestTracker {
  private final ConcurrentHashMap<InventoryVector, Long> deadlines = new ConcurrentHashMap<>();

  /** Claims {@code v} until {@code deadlineMillis}; false while someone else's claim is live. */
  boolean claim(InventoryVector v, long nowMillis, long deadlineMillis) {
    boolean[] won = {false};
    deadlines.compute(
        v,
        (k, old) -> {
          if (old != null && old > nowMillis) {
            return old;
          }
          won[0] = true;
          return deadlineMillis;
        });
    return won[0];
  }

  void release(InventoryVector v) {
    deadlines.remove(v);
  }

  int size() {
    return deadlines.size();
  }
}
