package dev.bitmsg.pow;

/**
 * The two proof-of-work difficulty parameters of Bitmessage (PROTOCOL.md section 5): nonce trials
 * per byte and payload length extra bytes. Both are unsigned 64-bit values as carried on the wire
 * (a var_int), kept as given; {@link #effective()} applies the network minimum of 1000 that both
 * senders and verifiers enforce. Immutable.
 */
public record Difficulty(long nonceTrialsPerByte, long payloadLengthExtraBytes) {
  /** Network default and minimum of both parameters. */
  public static final long NETWORK_MINIMUM = 1000;

  /** The difficulty every node accepts: 1000 / 1000. */
  public static final Difficulty NETWORK_DEFAULT = new Difficulty(NETWORK_MINIMUM, NETWORK_MINIMUM);

  /** This difficulty with each parameter below 1000 (unsigned) raised to 1000. */
  public Difficulty effective() {
    return new Difficulty(raise(nonceTrialsPerByte), raise(payloadLengthExtraBytes));
  }

  /** True when this demands more than the network default in either parameter. */
  public boolean exceedsNetworkDefault() {
    return Long.compareUnsigned(nonceTrialsPerByte, NETWORK_MINIMUM) > 0
        || Long.compareUnsigned(payloadLengthExtraBytes, NETWORK_MINIMUM) > 0;
  }

  private static long raise(long v) {
    return Long.compareUnsigned(v, NETWORK_MINIMUM) < 0 ? NETWORK_MINIMUM : v;
  }

  @Override
  public String toString() {
    return "Difficulty[ntpb="
        + Long.toUnsignedString(nonceTrialsPerByte)
        + ", extra="
        + Long.toUnsignedString(payloadLengthExtraBytes)
        + "]";
  }
}
