package dev.bitmsg.node.net;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Misbehaviour points per {@link PeerId}, kept across reconnections so that repeated abuse adds up
 * while an occasional fault fades: points decay linearly, by the ban threshold per ban duration
 * (100 points an hour by default). At most {@code capacity} peers are remembered (least recently
 * penalised forgotten first). Decay counts whole points only, so violations in quick succession add
 * up exactly. Thread-safe (all methods synchronized).
 */
final class PeerScores {
  private record Score(double points, long atMillis) {}

  private final double decayPerMilli;
  private final int capacity;
  private final LinkedHashMap<PeerId, Score> scores;

  /**
   * @param decayPointsPerMilli points forgotten per millisecond
   */
  PeerScores(double decayPointsPerMilli, int capacity) {
    this.decayPerMilli = decayPointsPerMilli;
    this.capacity = capacity;
    this.scores =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<PeerId, Score> eldest) {
            return size() > PeerScores.this.capacity;
          }
        };
  }

  /** Adds {@code points} to {@code peer}'s decayed score; returns the new score. */
  synchronized double add(PeerId peer, int points, long nowMillis) {
    double now = current(peer, nowMillis) + points;
    scores.put(peer, new Score(now, nowMillis));
    return now;
  }

  synchronized double score(PeerId peer, long nowMillis) {
    return current(peer, nowMillis);
  }

  /** Forgets {@code peer}'s score (it was banned: the ban now speaks for it). */
  synchronized void clear(PeerId peer) {
    scores.remove(peer);
  }

  synchronized int size() {
    return scores.size();
  }

  private double current(PeerId peer, long nowMillis) {
    Score s = scores.get(peer);
    if (s == null) {
      return 0;
    }
    double decayed = Math.floor(Math.max(0, nowMillis - s.atMillis()) * decayPerMilli);
    return Math.max(0, s.points() - decayed);
  }
}
