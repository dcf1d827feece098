package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.InventoryVector;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which objects are being fetched, node-wide, so two peers announcing the same object do not both
 * get a getdata for it. A claim is live while its owner is connected and either was asked less than
 * the claim timeout ago or delivered some object within the claim timeout (a peer that keeps
 * delivering keeps its claims, however long its queue), and never beyond the request timeout. Once
 * a claim lapses another announcer may be asked: a peer that announces and never delivers delays an
 * object by about the claim timeout. Delivery releases a claim; lapsed claims are pruned by the
 * peer group's tick, so announcements never delivered do not accumulate. Thread-safe.
 */
final class RequestTracker {
  /** The peer side of a claim. */
  interface Owner {
    boolean isClosed();

    /** When the owner last delivered an object (epoch ms of the group's clock; 0: never). */
    long lastDeliveryMillis();
  }

  private record Claim(Owner owner, long atMillis) {}

  private final long claimMillis;
  private final long requestMillis;
  private final ConcurrentHashMap<InventoryVector, Claim> claims = new ConcurrentHashMap<>();

  /**
   * @param claimMillis the claim timeout
   * @param requestMillis the request timeout, after which a claim lapses whatever its owner does
   */
  RequestTracker(long claimMillis, long requestMillis) {
    this.claimMillis = claimMillis;
    this.requestMillis = Math.max(claimMillis, requestMillis);
  }

  /** Claims {@code v} for {@code owner}; false while another owner's claim is live. */
  boolean claim(InventoryVector v, Owner owner, long nowMillis) {
    boolean[] won = {false};
    claims.compute(
        v,
        (k, old) -> {
          if (old != null && old.owner() != owner && isLive(old, nowMillis)) {
            return old;
          }
          won[0] = true;
          return new Claim(owner, nowMillis);
        });
    return won[0];
  }

  void release(InventoryVector v) {
    claims.remove(v);
  }

  /** Releases {@code v} if {@code owner} holds the claim (its own request timed out). */
  void release(InventoryVector v, Owner owner) {
    claims.computeIfPresent(v, (k, c) -> c.owner() == owner ? null : c);
  }

  /** Drops lapsed claims; returns how many. */
  int prune(long nowMillis) {
    int[] gone = {0};
    claims
        .values()
        .removeIf(
            c -> {
              boolean dead = !isLive(c, nowMillis);
              if (dead) {
                gone[0]++;
              }
              return dead;
            });
    return gone[0];
  }

  int size() {
    return claims.size();
  }

  private boolean isLive(Claim c, long nowMillis) {
    long age = nowMillis - c.atMillis();
    if (c.owner().isClosed() || age >= requestMillis) {
      return false;
    }
    return age < claimMillis || nowMillis - c.owner().lastDeliveryMillis() < claimMillis;
  }
}
