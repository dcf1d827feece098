package dev.bitmsg.node.net;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The misbehaviour rule (Bitcoin Core's {@code Misbehaving} in spirit): a {@link Violation} adds
 * its points to the peer's decaying score; at the ban threshold the peer ({@link PeerId}: host and
 * listening port, never the whole address) is banned for the ban duration. Local peers (loopback on
 * a real node: onion services, local proxies) are never scored or banned, as Bitcoin Core spares
 * them: a violation that disconnects still disconnects them. Thread-safe.
 */
final class Misbehaviour {
  private static final Logger log = LoggerFactory.getLogger(Misbehaviour.class);

  /** What happened to the peer. */
  enum Outcome {
    /** A local peer: nothing recorded. */
    SPARED,
    /** Points added, below the threshold. */
    SCORED,
    /** Threshold reached: banned. */
    BANNED
  }

  private final PeerScores scores;
  private final BanList bans;
  private final int threshold;
  private final Clock clock;

  Misbehaviour(PeerScores scores, BanList bans, int threshold, Clock clock) {
    this.scores = scores;
    this.bans = bans;
    this.threshold = threshold;
    this.clock = clock;
  }

  Outcome penalise(PeerId peer, Violation violation, String detail) {
    if (peer.host().equals(NetGroups.LOCAL)) {
      log.info(
          "local peer misbehaved, not scored peer={} violation={} detail={}",
          peer,
          violation,
          detail);
      return Outcome.SPARED;
    }
    double score = scores.add(peer, violation.points(), clock.millis());
    if (score >= threshold) {
      scores.clear(peer);
      bans.ban(peer, violation + " (score " + Math.round(score) + "): " + detail);
      return Outcome.BANNED;
    }
    log.info(
        "peer misbehaved peer={} violation={} score={} detail={}",
        peer,
        violation,
        Math.round(score),
        detail);
    return Outcome.SCORED;
  }

  boolean isBanned(PeerId peer) {
    return bans.isBanned(peer);
  }

  double score(PeerId peer) {
    return scores.score(peer, clock.millis());
  }
}
