package dev.bitmsg.node.net;

/**
 * What a peer did wrong after its handshake, with the misbehaviour points it costs and whether the
 * connection is closed at once (docs/node.md "Peer policy"). Points decay ({@link PeerScores}); a
 * peer reaching the threshold (100 by default) is banned. Verdicts that depend on the clock (proof
 * of work short only by a tolerated clock offset, objects at the edge of expiry) are never
 * violations: such objects are dropped silently, as PyBitmessage does. Before the handshake nothing
 * identifies a peer, so errors there only close the connection.
 */
enum Violation {
  /**
   * A framing error (bad magic, command, checksum or length) or a payload that breaks its layout:
   * the byte stream cannot be trusted any more, so the connection closes; ten within the decay
   * window ban the peer.
   */
  MALFORMED_MESSAGE(10, true),
  /**
   * An object no honest relay passes: proof of work short even at a clock an hour ahead, a payload
   * over 2^18 bytes, stream 0. The object is dropped and the connection kept; a second one within
   * the decay window bans the peer.
   */
  INVALID_OBJECT(50, false);

  private final int points;
  private final boolean disconnects;

  Violation(int points, boolean disconnects) {
    this.points = points;
    this.disconnects = disconnects;
  }

  int points() {
    return points;
  }

  boolean disconnects() {
    return disconnects;
  }
}
