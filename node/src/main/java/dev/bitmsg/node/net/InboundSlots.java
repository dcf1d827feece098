package dev.bitmsg.node.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The inbound slots, counted so that half-open connections cannot lock honest peers out: a
 * connection still in its handshake holds a <em>handshake slot</em> (at most {@link
 * PeerPolicy#maxHandshaking()}); when all are taken, a new connection takes the slot of the oldest
 * handshaking connection of the host with the most of them, so a flood of silent connections evicts
 * itself while an honest handshake, done in milliseconds, gets through. A connection whose version
 * has been accepted moves to an <em>established slot</em> (at most {@code maxInbound}):
 *
 * <ol>
 *   <li>a peer reconnecting (same {@link PeerId}, a real listening port, not local) takes over its
 *       old connection's slot: the old one, probably dead behind a NAT, is closed;
 *   <li>more than {@link PeerPolicy#inboundPerAddress()} from one host (local peers are exempt):
 *       refused;
 *   <li>all established slots taken: {@link EvictionPolicy} picks one to close, or the newcomer is
 *       refused when every peer is protected.
 * </ol>
 *
 * The handle type is the channel in the node ({@code C}), anything in unit tests. Thread-safe (all
 * methods synchronized).
 */
final class InboundSlots<C> {
  /** The answer to an accepted version. */
  sealed interface Decision<C> {}

  /** Admitted; {@code evicted}, when present, must be closed to free its slot. */
  record Admit<C>(Optional<C> evicted) implements Decision<C> {}

  /** Refused for {@code reason} (not abuse: the peer is dialled back). */
  record Refuse<C>(String reason) implements Decision<C> {}

  static final String TOO_MANY_FROM_ADDRESS = "too many connections from your address";
  static final String FULL = "server full, please try again later";

  private static final class Slot<C> {
    final C handle;
    final String host;
    final String group;
    final boolean local;
    final long openedMillis;
    boolean established;
    @Nullable PeerId id;
    long lastUsefulMillis;

    Slot(C handle, String host, String group, boolean local, long openedMillis) {
      this.handle = handle;
      this.host = host;
      this.group = group;
      this.local = local;
      this.openedMillis = openedMillis;
    }
  }

  private final int maxInbound;
  private final PeerPolicy policy;
  private final long groupKey;
  private final LinkedHashMap<C, Slot<C>> slots = new LinkedHashMap<>();
  private int handshaking;

  /**
   * @param groupKey the per-node secret of the eviction's group hash
   */
  InboundSlots(int maxInbound, PeerPolicy policy, long groupKey) {
    this.maxInbound = maxInbound;
    this.policy = policy;
    this.groupKey = groupKey;
  }

  /**
   * A connection was accepted: it takes a handshake slot. Returns the handshaking connection to
   * close when all handshake slots were taken.
   */
  synchronized Optional<C> open(C handle, String host, String group, boolean local, long now) {
    slots.put(handle, new Slot<>(handle, host, group, local, now));
    handshaking++;
    if (handshaking <= policy.maxHandshaking()) {
      return Optional.empty();
    }
    Slot<C> victim = handshakeVictim();
    remove(victim.handle);
    return Optional.of(victim.handle);
  }

  /** The oldest handshaking connection of the host with the most of them (ties: the oldest). */
  private Slot<C> handshakeVictim() {
    Map<String, Integer> perHost = new HashMap<>();
    Map<String, Slot<C>> oldest = new HashMap<>();
    for (Slot<C> s : slots.values()) { // in opening order
      if (!s.established) {
        perHost.merge(s.host, 1, Integer::sum);
        oldest.putIfAbsent(s.host, s);
      }
    }
    Slot<C> victim = null;
    int most = 0;
    for (Map.Entry<String, Integer> e : perHost.entrySet()) {
      Slot<C> candidate = oldest.get(e.getKey());
      if (candidate == null) {
        continue; // every counted host has its oldest slot; for the checker
      }
      if (e.getValue() > most
          || (e.getValue() == most
              && victim != null
              && candidate.openedMillis < victim.openedMillis)) {
        most = e.getValue();
        victim = candidate;
      }
    }
    if (victim == null) {
      throw new IllegalStateException("no handshaking connection to evict");
    }
    return victim;
  }

  /** The connection's version was accepted as {@code id}: admit it to an established slot? */
  synchronized Decision<C> establish(C handle, PeerId id, long now) {
    Slot<C> slot = slots.get(handle);
    if (slot == null) {
      return new Refuse<>("connection already closed");
    }
    Optional<C> evicted = Optional.empty();
    Slot<C> previous = slot.local || id.port() == 0 ? null : establishedAs(id);
    if (previous != null) {
      remove(previous.handle);
      evicted = Optional.of(previous.handle);
    } else {
      if (!slot.local && establishedFrom(slot.host) >= policy.inboundPerAddress()) {
        return new Refuse<>(TOO_MANY_FROM_ADDRESS);
      }
      if (established() >= maxInbound) {
        evicted = EvictionPolicy.select(candidates(), groupKey);
        if (evicted.isEmpty()) {
          return new Refuse<>(FULL);
        }
        remove(evicted.get());
      }
    }
    slot.established = true;
    slot.id = id;
    handshaking--;
    return new Admit<>(evicted);
  }

  /** The peer on {@code handle} delivered an object we did not have (protects it from eviction). */
  synchronized void delivered(C handle, long now) {
    Slot<C> s = slots.get(handle);
    if (s != null) {
      s.lastUsefulMillis = now;
    }
  }

  /** The connection closed (or was chosen for eviction): its slot is free. */
  synchronized void remove(C handle) {
    Slot<C> s = slots.remove(handle);
    if (s != null && !s.established) {
      handshaking--;
    }
  }

  synchronized int established() {
    return slots.size() - handshaking;
  }

  synchronized int handshaking() {
    return handshaking;
  }

  private @Nullable Slot<C> establishedAs(PeerId id) {
    for (Slot<C> s : slots.values()) {
      if (s.established && id.equals(s.id)) {
        return s;
      }
    }
    return null;
  }

  private int establishedFrom(String host) {
    int n = 0;
    for (Slot<C> s : slots.values()) {
      if (s.established && s.host.equals(host)) {
        n++;
      }
    }
    return n;
  }

  private List<EvictionPolicy.Candidate<C>> candidates() {
    List<EvictionPolicy.Candidate<C>> out = new ArrayList<>();
    for (Slot<C> s : slots.values()) {
      if (s.established) {
        out.add(
            new EvictionPolicy.Candidate<>(
                s.handle, s.group, s.openedMillis, s.lastUsefulMillis, s.local));
      }
    }
    return out;
  }
}
