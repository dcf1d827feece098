package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.PowCheck;
import dev.bitmsg.pow.Difficulty;
import dev.bitmsg.pow.ObjectPow;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.TrialValue;

/**
 * The proof-of-work rule objects must meet to be stored or relayed: PyBitmessage's target at the
 * network minimum difficulty (1000/1000, PROTOCOL.md section 5), computed by {@link ObjectPow}.
 *
 * <p>{@link #eased(int)} multiplies the target by 2^bits for benchmarks and tests, so objects can
 * be made cheaply while every other step of the check (target formula, initial hash, trial value,
 * comparison) stays the production code path. A real node uses {@link #network()} only. Immutable
 * and thread-safe.
 */
public final class NetworkPowCheck implements PowCheck {
  private final int easeBits;

  private NetworkPowCheck(int easeBits) {
    if (easeBits < 0 || easeBits > 63) {
      throw new IllegalArgumentException("easeBits must be 0..63, got " + easeBits);
    }
    this.easeBits = easeBits;
  }

  /** The network rule. */
  public static NetworkPowCheck network() {
    return new NetworkPowCheck(0);
  }

  /** The network target times 2^bits (tests and benchmarks only). */
  public static NetworkPowCheck eased(int bits) {
    return new NetworkPowCheck(bits);
  }

  /** The target {@code object} must meet at {@code now} under this rule (unsigned). */
  public long target(byte[] object, long nowEpochSeconds) {
    long t = PowRules.NETWORK.objectTarget(object, nowEpochSeconds, Difficulty.NETWORK_DEFAULT);
    if (easeBits == 0 || t == 0) {
      return t;
    }
    // Unsigned shift that saturates at 2^64 - 1 instead of wrapping.
    return Long.numberOfLeadingZeros(t) < easeBits ? -1L : t << easeBits;
  }

  @Override
  public boolean isSufficient(ObjectMessage object, long nowEpochSeconds) {
    byte[] raw = object.raw().toByteArray();
    long trial = TrialValue.of(object.nonce(), ObjectPow.initialHash(raw));
    return TrialValue.meets(trial, target(raw, nowEpochSeconds));
  }
}
