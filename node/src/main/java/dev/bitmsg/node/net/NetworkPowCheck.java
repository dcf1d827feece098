package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.PowCheck;
import dev.bitmsg.pow.Difficulty;
import dev.bitmsg.pow.ObjectPow;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.TrialValue;

/**
 * The proof-of-work rule objects must meet to be stored or relayed: the target of the node's {@link
 * PowRules} at the network minimum difficulty (1000/1000, PROTOCOL.md section 5). A node runs
 * {@link PowRules#NETWORK}; a test network hands every node the same easier rules through the
 * composition root, so every other step of the check (initial hash, trial value, comparison) stays
 * the production path. Immutable and thread-safe.
 */
public final class NetworkPowCheck implements PowCheck {
  private final PowRules rules;

  public NetworkPowCheck(PowRules rules) {
    this.rules = rules;
  }

  /** The target {@code object} must meet at {@code now} under these rules (unsigned). */
  public long target(byte[] object, long nowEpochSeconds) {
    return rules.objectTarget(object, nowEpochSeconds, Difficulty.NETWORK_DEFAULT);
  }

  @Override
  public boolean isSufficient(ObjectMessage object, long nowEpochSeconds) {
    byte[] raw = object.raw().toByteArray();
    long trial = TrialValue.of(object.nonce(), ObjectPow.initialHash(raw));
    return TrialValue.meets(trial, target(raw, nowEpochSeconds));
  }
}
