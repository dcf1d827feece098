package dev.bitmsg.node.store;

/**
 * The state of an outgoing message or broadcast (PROTOCOL.md section 9, PyBitmessage's {@code
 * sent.status} with clearer names). {@link #wireName()} is the PyBitmessage word for the states
 * PyBitmessage has, and {@code failed} and {@code cancelled} for the two it lacks (the client API
 * shows those rows with a PyBitmessage word and this one in an extra field: {@code
 * messaging.SentMessageFields}).
 */
public enum SendStatus {
  /** Waiting for the sender loop (new, resend due, or pubkey arrived). */
  QUEUED("msgqueued"),
  /** A getpubkey went out; waiting for the recipient's pubkey. */
  AWAITING_PUBKEY("awaitingpubkey"),
  /** Proof of work in progress (reset to {@link #QUEUED} on restart). */
  DOING_POW("doingmsgpow"),
  /** Sent, waiting for the ack. */
  SENT("msgsent"),
  /** The ack came back. */
  ACK_RECEIVED("ackreceived"),
  /** Sent; no ack is expected (chan, broadcast, recipient without does_ack). */
  SENT_NO_ACK("msgsentnoackexpected"),
  /** The recipient demands more work than the configured maximum. */
  TOO_DIFFICULT("toodifficult"),
  /** Given up: bad key, bad address, or resend window over. */
  FAILED("failed"),
  /** Sending stopped on request (the API's cancel, {@code bm cancel}). */
  CANCELLED("cancelled");

  private final String wireName;

  SendStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether the row needs no more work. */
  public boolean isFinal() {
    return this == ACK_RECEIVED
        || this == SENT_NO_ACK
        || this == TOO_DIFFICULT
        || this == FAILED
        || this == CANCELLED;
  }
}
