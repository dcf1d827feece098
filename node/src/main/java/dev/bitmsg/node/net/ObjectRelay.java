package dev.bitmsg.node.net;

import dev.bitmsg.node.store.ExpiryCleaner;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.ObjectMessage;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Object propagation: a newly stored object is announced to every other established peer of its
 * stream, whether a peer delivered it ({@link #forward}) or it was made here ({@link #submit}).
 *
 * <p>Also keeps the {@link RelayCounts}: what the uploads announce and serve is counted unless the
 * object was made here. The inventory records each object's origin ({@link
 * ObjectIngest#ingestOwn}); this class keeps the made-here vectors in memory too, loaded from the
 * inventory at start and added on each submit, because an inv can name tens of thousands of vectors
 * and a lookup per vector would cost a query each. Vectors are forgotten a while after the
 * inventory would have dropped the object.
 *
 * <p>Thread-safe (concurrent map and adders; peers are a live concurrent view).
 */
final class ObjectRelay {
  /** Made-here vectors are forgotten this long after expiry (past the inventory's own grace). */
  private static final long FORGET_AFTER_EXPIRY = ExpiryCleaner.GRACE.toSeconds() + 24 * 3600;

  private static final int FIRST_PRUNE = 1024;

  private final Collection<Peer> peers;
  private final ObjectIngest ingest;
  private final Clock clock;
  private final ConcurrentHashMap<InventoryVector, Long> madeHere = new ConcurrentHashMap<>();
  private final AtomicInteger pruneAt = new AtomicInteger(FIRST_PRUNE);
  private final LongAdder announced = new LongAdder();
  private final LongAdder served = new LongAdder();

  ObjectRelay(Collection<Peer> peers, ObjectIngest ingest, Clock clock) {
    this.peers = peers;
    this.ingest = ingest;
    this.clock = clock;
    madeHere.putAll(ingest.inventory().ownExpiries(forgetBefore()));
    pruneAt.set(Math.max(FIRST_PRUNE, 2 * madeHere.size()));
  }

  /**
   * Ingests an object made outside the network (the node's own messages, API clients, tests) and
   * announces it to every peer when it is new.
   */
  ObjectIngest.Result submit(ObjectMessage object) {
    // Marked before ingest so that no upload can see the stored object unmarked.
    InventoryVector v = object.inventoryVector();
    boolean known = madeHere.putIfAbsent(v, object.expiresTime()) != null;
    ObjectIngest.Result r = ingest.ingestOwn(object);
    if (r.outcome() == ObjectIngest.Outcome.STORED) {
      forward(object, null);
      pruneIfLarge();
    } else if (!known) {
      madeHere.remove(v); // a duplicate came from elsewhere first; refused ones are never sent
    }
    return r;
  }

  /** Announces a newly stored object to every established peer of its stream but its source. */
  void forward(ObjectMessage object, @Nullable Peer source) {
    InventoryVector v = object.inventoryVector();
    for (Peer p : peers) {
      if (p != source && p.servesStream(object.stream())) {
        p.announce(v);
      }
    }
  }

  /** An inv with {@code vectors} went to a peer. */
  void announced(List<InventoryVector> vectors) {
    int relayed = 0;
    for (InventoryVector v : vectors) {
      if (!madeHere.containsKey(v)) {
        relayed++;
      }
    }
    announced.add(relayed);
  }

  /** The object {@code v} went to a peer in answer to its getdata. */
  void served(InventoryVector v) {
    if (!madeHere.containsKey(v)) {
      served.increment();
    }
  }

  RelayCounts counts() {
    return new RelayCounts(announced.sum(), served.sum());
  }

  private void pruneIfLarge() {
    int limit = pruneAt.get();
    if (madeHere.size() < limit || !pruneAt.compareAndSet(limit, Integer.MAX_VALUE)) {
      return;
    }
    long cutoff = forgetBefore();
    madeHere.values().removeIf(expires -> expires < cutoff);
    pruneAt.set(Math.max(FIRST_PRUNE, 2 * madeHere.size()));
  }

  private long forgetBefore() {
    return clock.instant().getEpochSecond() - FORGET_AFTER_EXPIRY;
  }
}
