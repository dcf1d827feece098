package dev.bitmsg.node.net;

import dev.bitmsg.node.store.ExpiryCleaner;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.Version;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Object propagation: a newly stored object is announced to every other established peer of its
 * stream, whether a peer delivered it ({@link #forward}) or it was made here ({@link #submit}).
 *
 * <p>With Dandelion++ on ({@link Dandelion}), an object made here, or one a peer announced with
 * {@code dinv}, is first announced to one stem child only: with {@code dinv} when the child
 * advertises {@code NODE_DANDELION} and the stem does not end by chance ({@link
 * DandelionSettings#stemPercent()}), else with {@code inv} (PyBitmessage's invthread); it fluffs to
 * every peer at its deadline ({@link #dandelionTick(List)}). Until then the uploads serve it to its
 * child only and leave it out of the inventory they announce.
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
  private final Dandelion<Peer> dandelion;

  ObjectRelay(Collection<Peer> peers, ObjectIngest ingest, Clock clock, Dandelion<Peer> dandelion) {
    this.peers = peers;
    this.ingest = ingest;
    this.clock = clock;
    this.dandelion = dandelion;
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
      if (dandelion.enabled()) {
        stem(object, null);
      } else {
        forward(object, null);
      }
      pruneIfLarge();
    } else if (!known) {
      madeHere.remove(v); // a duplicate came from elsewhere first; refused ones are never sent
    }
    return r;
  }

  /**
   * Announces a newly stored object to every established peer of its stream but its source, or,
   * when the source announced it with {@code dinv}, to the stem child of its route.
   */
  void forward(ObjectMessage object, @Nullable Peer source) {
    if (source != null && dandelion.enabled() && dandelion.isStem(object.inventoryVector())) {
      stem(object, source);
      return;
    }
    fluff(object.inventoryVector(), object.stream(), source);
  }

  private void fluff(InventoryVector v, long stream, @Nullable Peer except) {
    for (Peer p : peers) {
      if (p != except && p.servesStream(stream)) {
        p.announce(v);
      }
    }
  }

  /**
   * Sends {@code object} down its stem from {@code parent} (null: ours); fluffs without a child.
   */
  private void stem(ObjectMessage object, @Nullable Peer parent) {
    InventoryVector v = object.inventoryVector();
    Optional<Peer> child = dandelion.stem(v, object.stream(), parent);
    if (child.isEmpty() || child.get().isClosed()) {
      dandelion.fluff(v);
      fluff(v, object.stream(), parent);
      return;
    }
    Peer c = child.get();
    if (!dandelion.fluffsByChance() && (c.version().services() & Version.NODE_DANDELION) != 0) {
      c.announceStem(v);
    } else {
      c.announce(v); // an inv to the child alone: it fluffs from there
    }
  }

  /** A peer announced {@code vectors} with {@code dinv}: the ones new to us enter the stem. */
  List<InventoryVector> stemAnnounced(Peer from, List<InventoryVector> vectors) {
    List<InventoryVector> out = new ArrayList<>();
    for (InventoryVector v : vectors) {
      if (ingest.isKnown(v)) {
        cycled(v);
        continue;
      }
      if (!dandelion.isStem(v)) {
        // The stream is learnt with the object; the route is fixed now, as PyBitmessage does.
        Optional<Peer> child = dandelion.routeFor(from);
        if (child.isPresent()) {
          dandelion.stem(v, 1, from);
        }
      }
      out.add(v);
    }
    return out;
  }

  /**
   * An object we hold came back (announced by {@code dinv} or delivered again): if it is in its
   * stem phase, the stem looped, so the phase ends (PyBitmessage's cycle detection); it is served
   * to anyone from now on and fluffs no earlier than its deadline would have.
   */
  void cycled(InventoryVector v) {
    dandelion.fluff(v);
  }

  /** Whether {@code v} may be served to {@code peer}: a stem object only to its child. */
  boolean mayServe(InventoryVector v, Peer peer) {
    return !dandelion.isStem(v) || dandelion.childOf(v).map(c -> c == peer).orElse(false);
  }

  boolean dandelionEnabled() {
    return dandelion.enabled();
  }

  /** Whether {@code v} is in its stem phase (left out of inventory announcements). */
  boolean isStem(InventoryVector v) {
    return dandelion.isStem(v);
  }

  /** Periodic: fluffs the stem objects whose deadline passed, draws new children per epoch. */
  void dandelionTick(List<Peer> outbound) {
    if (!dandelion.enabled()) {
      return;
    }
    dandelion.maybeNewEpoch(outbound);
    for (Dandelion.Expired<Peer> e : dandelion.expire()) {
      fluff(e.vector(), e.stream(), null);
    }
  }

  /** A connection was established: an outbound one may become a stem child. */
  void established(Peer peer) {
    if (dandelion.enabled() && !peer.inbound()) {
      dandelion.outboundEstablished(peer);
    }
  }

  void closed(Peer peer) {
    dandelion.closed(peer);
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
