package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.InventoryVector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one peer announced that we still want: vectors waiting to be requested (in announcement
 * order), vectors deferred because another peer is fetching them, and requests in flight with their
 * deadlines. Not thread-safe: confined to the peer's serial executor.
 */
final class FetchState {
  private final ArrayDeque<InventoryVector> pending = new ArrayDeque<>();
  private final ArrayDeque<InventoryVector> deferred = new ArrayDeque<>();
  private final Set<InventoryVector> waiting = new HashSet<>();
  private final LinkedHashMap<InventoryVector, Long> inFlight = new LinkedHashMap<>();

  /** Vectors waiting or in flight: what the peer owes us. */
  int tracked() {
    return waiting.size() + inFlight.size();
  }

  int inFlight() {
    return inFlight.size();
  }

  boolean tracks(InventoryVector v) {
    return waiting.contains(v) || inFlight.containsKey(v);
  }

  void queue(InventoryVector v) {
    if (waiting.add(v)) {
      pending.add(v);
    }
  }

  /** The object arrived (requested or not): stop tracking it. */
  void delivered(InventoryVector v) {
    inFlight.remove(v);
    waiting.remove(v); // a stale deque entry is skipped in nextRequests
  }

  /**
   * Moves vectors from waiting to in flight, up to {@code maxInFlight}: skips those we now have,
   * defers those another peer holds a live claim on.
   *
   * @return the vectors to put in a getdata
   */
  List<InventoryVector> nextRequests(
      int maxInFlight,
      long nowMillis,
      long deadlineMillis,
      Predicate<InventoryVector> have,
      RequestTracker tracker,
      RequestTracker.Owner owner) {
    List<InventoryVector> request = new ArrayList<>();
    while (inFlight.size() < maxInFlight && !pending.isEmpty()) {
      InventoryVector v = pending.poll();
      if (!waiting.contains(v)) {
        continue;
      }
      if (have.test(v)) {
        waiting.remove(v);
      } else if (tracker.claim(v, owner, nowMillis)) {
        waiting.remove(v);
        inFlight.put(v, deadlineMillis);
        request.add(v);
      } else {
        deferred.add(v);
      }
    }
    return request;
  }

  /**
   * Forgets requests past their deadline (the peer will not be asked again for them, and its claims
   * on them are released) and gives deferred vectors another chance. Returns the number of requests
   * forgotten.
   */
  int expire(long nowMillis, RequestTracker tracker, RequestTracker.Owner owner) {
    int expired = 0;
    for (Iterator<Map.Entry<InventoryVector, Long>> it = inFlight.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<InventoryVector, Long> e = it.next();
      if (e.getValue() <= nowMillis) {
        it.remove();
        tracker.release(e.getKey(), owner);
        expired++;
      }
    }
    pending.addAll(deferred);
    deferred.clear();
    return expired;
  }
}
