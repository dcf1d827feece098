package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.InventoryVector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Dandelion++ state as PyBitmessage v0.6 keeps it (network/dandelion.py): up to {@value
 * DandelionSettings#MAX_STEMS} stem children chosen among the outbound connections per epoch, a
 * route per parent (the peer a stem object came from, or none for our own objects) to one child,
 * fixed for the epoch, and the objects in their stem phase, each with its child and its fluff
 * deadline ({@code fixed + exponential(mean)}). When the epoch ends the children are drawn again
 * and the routes forgotten (objects keep their child). An object fluffs when its deadline passes,
 * when it comes back to us (a cycle), or, unlike PyBitmessage, at once when there is no child to
 * stem it to: PyBitmessage would hold it until the deadline, which delays a node without outbound
 * connections by 10-40 s and hides nothing (its inbound peers get it on the fluff anyway).
 *
 * <p>Generic in the peer type so the rules can be tested without connections. Thread-safe (every
 * method synchronised; the maps are small).
 *
 * @param <P> the peer type
 */
final class Dandelion<P> {
  /** An object in its stem phase: where it goes, its stream, when it fluffs. */
  record Stem<P>(@Nullable P child, long stream, long fluffAtMillis) {}

  /** An object whose stem phase ended at its deadline. */
  record Expired<P>(InventoryVector vector, long stream, @Nullable P child) {}

  private final DandelionSettings settings;
  private final LongSupplier millis;
  private final Random random;
  private final List<P> stems = new ArrayList<>();
  // Parent -> child; the key of our own objects is OWN. A null child: none was available.
  private final Map<Object, @Nullable P> routes = new HashMap<>();
  private final Map<InventoryVector, Stem<P>> stemmed = new HashMap<>();
  private long refreshAtMillis;

  private static final Object OWN = new Object();

  Dandelion(DandelionSettings settings, LongSupplier millis, Random random) {
    this.settings = settings;
    this.millis = millis;
    this.random = random;
    this.refreshAtMillis = millis.getAsLong() + settings.epoch().toMillis();
  }

  boolean enabled() {
    return settings.enabled();
  }

  /**
   * Puts {@code v} into its stem phase, from {@code parent} (null: our own object), and returns the
   * child it goes to, empty when there is none (the caller fluffs it then).
   */
  synchronized Optional<P> stem(InventoryVector v, long stream, @Nullable P parent) {
    P child = route(parent);
    if (child == null) {
      stemmed.remove(v);
      return Optional.empty();
    }
    stemmed.put(v, new Stem<>(child, stream, deadline()));
    return Optional.of(child);
  }

  /** Whether {@code v} is in its stem phase. */
  synchronized boolean isStem(InventoryVector v) {
    return stemmed.containsKey(v);
  }

  /** The child of a stem object, empty when it is not one or has none now. */
  synchronized Optional<P> childOf(InventoryVector v) {
    Stem<P> s = stemmed.get(v);
    return s == null ? Optional.empty() : Optional.ofNullable(s.child());
  }

  /** The stem child of an object announced with {@code dinv} by {@code parent} (route of it). */
  synchronized Optional<P> routeFor(@Nullable P parent) {
    return Optional.ofNullable(route(parent));
  }

  /** Ends the stem phase of {@code v} (a cycle, or no child); true when it was in it. */
  synchronized boolean fluff(InventoryVector v) {
    return stemmed.remove(v) != null;
  }

  /** Whether a stem hop fluffs to its child ({@code inv}) rather than stemming ({@code dinv}). */
  boolean fluffsByChance() {
    return random.nextInt(100) >= settings.stemPercent();
  }

  /** Ends and returns the stem phases whose deadline has passed. */
  synchronized List<Expired<P>> expire() {
    long now = millis.getAsLong();
    List<Expired<P>> out = new ArrayList<>();
    var it = stemmed.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      if (e.getValue().fluffAtMillis() <= now) {
        out.add(new Expired<>(e.getKey(), e.getValue().stream(), e.getValue().child()));
        it.remove();
      }
    }
    return out;
  }

  /** A new outbound connection becomes a stem child while there are fewer than the maximum. */
  synchronized void outboundEstablished(P peer) {
    if (stems.size() >= DandelionSettings.MAX_STEMS || stems.contains(peer)) {
      return;
    }
    stems.add(peer);
    routes.replaceAll((parent, child) -> child == null ? peer : child);
    stemmed.replaceAll((v, s) -> s.child() == null ? new Stem<>(peer, s.stream(), deadline()) : s);
  }

  /** A closed connection stops being a child; its objects wait for a new child or the deadline. */
  synchronized void closed(P peer) {
    routes.remove(peer);
    if (!stems.remove(peer)) {
      return;
    }
    routes.replaceAll((parent, child) -> peer.equals(child) ? null : child);
    stemmed.replaceAll(
        (v, s) -> peer.equals(s.child()) ? new Stem<>(null, s.stream(), deadline()) : s);
  }

  /** At the end of an epoch: new children drawn from {@code outbound}, routes forgotten. */
  synchronized void maybeNewEpoch(List<P> outbound) {
    long now = millis.getAsLong();
    if (now < refreshAtMillis) {
      return;
    }
    List<P> pool = new ArrayList<>(outbound);
    Collections.shuffle(pool, random);
    stems.clear();
    stems.addAll(pool.subList(0, Math.min(DandelionSettings.MAX_STEMS, pool.size())));
    routes.clear();
    refreshAtMillis = now + settings.epoch().toMillis();
  }

  /** The children now (tests, logs). */
  synchronized List<P> stems() {
    return List.copyOf(stems);
  }

  /** The route of {@code parent}: fixed per epoch, a random child other than the parent. */
  private @Nullable P route(@Nullable P parent) {
    Object key = parent == null ? OWN : parent;
    if (routes.containsKey(key)) {
      return routes.get(key);
    }
    P child = pick(parent);
    routes.put(key, child);
    return child;
  }

  private @Nullable P pick(@Nullable P parent) {
    if (stems.isEmpty()) {
      return null;
    }
    int i = random.nextInt(stems.size());
    if (!stems.get(i).equals(parent)) {
      return stems.get(i);
    }
    return stems.size() == 1 ? null : stems.get(1 - i);
  }

  /** Now + fixed + exponential(mean) (PyBitmessage's poissonTimeout). */
  private long deadline() {
    long mean = settings.fluffMeanDelay().toMillis();
    double exp = mean == 0 ? 0 : -Math.log(1 - random.nextDouble()) * mean;
    return millis.getAsLong() + settings.fluffFixedDelay().toMillis() + (long) exp;
  }
}
