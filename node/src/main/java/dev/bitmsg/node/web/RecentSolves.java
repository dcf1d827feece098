package dev.bitmsg.node.web;

import dev.bitmsg.node.pow.PowTiming;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The node's last {@link #KEEP} proofs of work as the PoW page lists them: when, by whom (the local
 * engine or a PoW service and its device), how long, and whether it succeeded. Fed by {@link
 * PowTiming}'s listener. Thread-safe.
 */
final class RecentSolves {
  static final int KEEP = 20;

  private record Entry(long at, PowTiming.Solve solve) {}

  private final Clock clock;
  private final Deque<Entry> entries = new ArrayDeque<>();

  RecentSolves(Clock clock) {
    this.clock = clock;
  }

  void add(PowTiming.Solve s) {
    synchronized (entries) {
      entries.addFirst(new Entry(clock.instant().getEpochSecond(), s));
      while (entries.size() > KEEP) {
        entries.removeLast();
      }
    }
  }

  /** Newest first, as template rows. */
  List<Map<String, Object>> rows() {
    List<Entry> copy;
    synchronized (entries) {
      copy = new ArrayList<>(entries);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Entry e : copy) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("time", Labels.time(e.at()));
      m.put("by", e.solve().by());
      m.put("took", String.format(Locale.ROOT, "%.2f s", e.solve().took().toNanos() / 1e9));
      m.put("ok", e.solve().ok());
      rows.add(m);
    }
    return rows;
  }
}
