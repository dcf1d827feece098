package dev.bitmsg.node.net;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which established inbound peer gives up its slot when all are taken and another completes its
 * handshake: Bitcoin Core's {@code SelectNodeToEvict} in spirit. Protected, in order: one peer in
 * each of 4 network groups picked by a hash keyed with a per-node secret (an attacker cannot
 * predict which groups, so cannot cover them all), the 4 that most recently delivered an object we
 * did not have, and half of the rest by uptime (of that half, up to a half for local peers, which
 * share one group: onion services and other proxied peers). Of the unprotected peers, the youngest
 * of the network group with the most of them goes. Nobody left unprotected: no eviction (the
 * newcomer is refused and dialled back). Stateless.
 */
final class EvictionPolicy {
  static final int PROTECT_BY_GROUP = 4;
  static final int PROTECT_BY_DELIVERY = 4;

  /** An established inbound connection as eviction sees it. Immutable. */
  record Candidate<C>(
      C handle, String group, long connectedMillis, long lastUsefulMillis, boolean local) {}

  private EvictionPolicy() {}

  static <C> Optional<C> select(List<Candidate<C>> all, long groupKey) {
    List<Candidate<C>> left = new ArrayList<>(all);
    protectByGroup(left, groupKey);
    protectRecentDeliveries(left);
    protectByUptime(left);
    if (left.isEmpty()) {
      return Optional.empty();
    }
    Map<String, List<Candidate<C>>> byGroup = new HashMap<>();
    for (Candidate<C> c : left) {
      byGroup.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c);
    }
    List<Candidate<C>> biggest = List.of();
    for (List<Candidate<C>> g : byGroup.values()) {
      if (g.size() > biggest.size()
          || (g.size() == biggest.size() && youngest(g) > youngest(biggest))) {
        biggest = g;
      }
    }
    return biggest.stream()
        .max(Comparator.comparingLong(Candidate::connectedMillis))
        .map(Candidate::handle);
  }

  private static <C> void protectByGroup(List<Candidate<C>> left, long groupKey) {
    Map<String, Candidate<C>> oldestPerGroup = new HashMap<>();
    for (Candidate<C> c : left) {
      oldestPerGroup.merge(
          c.group(), c, (a, b) -> a.connectedMillis() <= b.connectedMillis() ? a : b);
    }
    List<String> groups = new ArrayList<>(oldestPerGroup.keySet());
    groups.sort(Comparator.comparingLong(g -> keyedHash(g, groupKey)));
    Set<Candidate<C>> keep = new HashSet<>();
    for (int i = 0; i < Math.min(PROTECT_BY_GROUP, groups.size()); i++) {
      keep.add(oldestPerGroup.get(groups.get(i)));
    }
    left.removeAll(keep);
  }

  private static <C> void protectRecentDeliveries(List<Candidate<C>> left) {
    List<Candidate<C>> delivered = new ArrayList<>();
    for (Candidate<C> c : left) {
      if (c.lastUsefulMillis() > 0) {
        delivered.add(c);
      }
    }
    delivered.sort(Comparator.comparingLong(Candidate<C>::lastUsefulMillis).reversed());
    left.removeAll(delivered.subList(0, Math.min(PROTECT_BY_DELIVERY, delivered.size())));
  }

  private static <C> void protectByUptime(List<Candidate<C>> left) {
    int protect = left.size() / 2;
    List<Candidate<C>> byAge = new ArrayList<>(left);
    byAge.sort(Comparator.comparingLong(Candidate::connectedMillis));
    List<Candidate<C>> keep = new ArrayList<>();
    for (Candidate<C> c : byAge) {
      if (keep.size() >= protect / 2) {
        break;
      }
      if (c.local()) {
        keep.add(c);
      }
    }
    for (Candidate<C> c : byAge) {
      if (keep.size() >= protect) {
        break;
      }
      if (!keep.contains(c)) {
        keep.add(c);
      }
    }
    left.removeAll(keep);
  }

  private static <C> long youngest(List<Candidate<C>> group) {
    long y = Long.MIN_VALUE;
    for (Candidate<C> c : group) {
      y = Math.max(y, c.connectedMillis());
    }
    return y;
  }

  private static long keyedHash(String group, long key) {
    long h = key;
    for (int i = 0; i < group.length(); i++) {
      h = (h ^ group.charAt(i)) * 0x100000001B3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }
}
