package dev.bitmsg.node.net;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peers refused for a while after repeated or unambiguous abuse ({@link Misbehaviour}), by {@link
 * PeerId} (host and listening port), so a ban never hits other nodes behind the same address.
 * Entries expire by the injected clock and are purged lazily; at most {@code capacity} are kept,
 * and when full the entry that expires first makes room. Thread-safe (all methods synchronized).
 */
public final class BanList {
  private static final Logger log = LoggerFactory.getLogger(BanList.class);

  private final Clock clock;
  private final Duration duration;
  private final int capacity;
  private final Map<PeerId, Instant> until = new LinkedHashMap<>();

  public BanList(Clock clock, Duration duration, int capacity) {
    this.clock = clock;
    this.duration = duration;
    this.capacity = capacity;
  }

  public synchronized void ban(PeerId peer, String reason) {
    Instant now = clock.instant();
    Instant end = now.plus(duration);
    if (!until.containsKey(peer) && until.size() >= capacity) {
      purge(now);
      if (until.size() >= capacity) {
        // Bans all last the same time, so the first inserted is the first to expire.
        Iterator<PeerId> first = until.keySet().iterator();
        first.next();
        first.remove();
      }
    }
    until.remove(peer); // re-inserted last: insertion order stays expiry order
    until.put(peer, end);
    log.warn("peer banned peer={} until={} reason={}", peer, end, reason);
  }

  public synchronized boolean isBanned(PeerId peer) {
    Instant end = until.get(peer);
    if (end == null) {
      return false;
    }
    if (clock.instant().isBefore(end)) {
      return true;
    }
    until.remove(peer);
    return false;
  }

  public synchronized int size() {
    purge(clock.instant());
    return until.size();
  }

  private void purge(Instant now) {
    until.values().removeIf(end -> !now.isBefore(end));
  }
}
