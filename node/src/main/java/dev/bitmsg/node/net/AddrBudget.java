package dev.bitmsg.node.net;

import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many gossiped addresses the node keeps from each source: a budget per source network group
 * (not per connection, so many connections from one network share it), Bitcoin Core's numbers by
 * default: {@link PeerPolicy#addrBurst()} (1,000) at first, then {@link PeerPolicy#addrRate()}
 * (0.1) a second. Entries beyond the budget are dropped without penalty; an addr message carries at
 * most 1,000 entries anyway (the wire layer refuses more). At most {@value #GROUPS} groups are
 * remembered (least recently used forgotten). Thread-safe (synchronized).
 */
final class AddrBudget {
  static final int GROUPS = 4096;

  private final NetGroups groups;
  private final PeerPolicy policy;
  private final Clock clock;
  private final LinkedHashMap<String, TokenBucket> buckets =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
          return size() > GROUPS;
        }
      };

  AddrBudget(NetGroups groups, PeerPolicy policy, Clock clock) {
    this.groups = groups;
    this.policy = policy;
    this.clock = clock;
  }

  int maxKnownNodes() {
    return policy.maxKnownNodes();
  }

  /** Takes one entry from the budget of {@code source}'s group; false when it is spent. */
  synchronized boolean take(InetAddress source) {
    long now = clock.millis();
    return buckets
        .computeIfAbsent(
            groups.group(source), g -> new TokenBucket(policy.addrRate(), policy.addrBurst(), now))
        .tryTake(1, now);
  }
}
