package dev.bitmsg.node.net;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IP addresses refused for a while after misbehaving (malformed frames, invalid objects, floods).
 * Entries expire by the injected clock and are purged lazily. Thread-safe.
 */
public final class BanList {
  private static final Logger log = LoggerFactory.getLogger(BanList.class);

  private final Clock clock;
  private final Duration duration;
  private final ConcurrentHashMap<InetAddress, Instant> until = new ConcurrentHashMap<>();

  public BanList(Clock clock, Duration duration) {
    this.clock = clock;
    this.duration = duration;
  }

  public void ban(InetAddress address, String reason) {
    Instant end = clock.instant().plus(duration);
    until.put(address, end);
    log.warn("peer banned address={} until={} reason={}", address.getHostAddress(), end, reason);
  }

  public boolean isBanned(InetAddress address) {
    Instant end = until.get(address);
    if (end == null) {
      return false;
    }
    if (clock.instant().isBefore(end)) {
      return true;
    }
    until.remove(address, end);
    return false;
  }

  public int size() {
    until.entrySet().removeIf(e -> !clock.instant().isBefore(e.getValue()));
    return until.size();
  }
}
