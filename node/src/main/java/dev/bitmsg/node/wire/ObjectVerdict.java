package dev.bitmsg.node.wire;

/**
 * What {@link ObjectValidator} decided about an object, with a human-readable reason. Immutable.
 */
public record ObjectVerdict(Kind kind, String reason) {
  /** The outcome; only {@link #ACCEPT} and {@link #RELAY_ONLY} objects are stored and relayed. */
  public enum Kind {
    /** Store, relay and process locally. */
    ACCEPT,
    /**
     * Store and relay but do not process: the type sanity check or the typed layout failed
     * (PyBitmessage still forwards such objects, PROTOCOL.md section 4 step 6).
     */
    RELAY_ONLY,
    /** Object payload over 2^18 bytes. */
    TOO_LARGE,
    /** Expired more than an hour ago. */
    EXPIRED,
    /** Expires more than 28 days + 3 hours ahead. */
    TOO_FAR_AHEAD,
    /** Stream outside 1..2^63-1. */
    BAD_STREAM,
    /** Stream not one this node serves. */
    STREAM_NOT_SERVED,
    /**
     * Proof of work insufficient at our clock but sufficient at a clock up to {@link
     * WireLimits#MAX_TIME_OFFSET_SECONDS} ahead (the target grows as the TTL shrinks): what an
     * honest relay whose clock runs ahead passes. Not stored, never penalised.
     */
    POW_CLOCK_DEPENDENT,
    /**
     * Proof of work insufficient even at a clock {@link WireLimits#MAX_TIME_OFFSET_SECONDS} ahead.
     */
    INSUFFICIENT_POW
  }

  static final ObjectVerdict ACCEPTED = new ObjectVerdict(Kind.ACCEPT, "ok");

  public boolean isStored() {
    return kind == Kind.ACCEPT || kind == Kind.RELAY_ONLY;
  }

  public boolean isProcessed() {
    return kind == Kind.ACCEPT;
  }
}
