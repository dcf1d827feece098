package dev.bitmsg.node.app;

import dev.bitmsg.node.net.NetworkPowCheck;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectHeader;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectType;
import dev.bitmsg.node.wire.WireLimits;
import dev.bitmsg.pow.ObjectPow;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.TrialValue;
import java.util.SplittableRandom;

/**
 * Makes msg objects (type 2, version 1) with seeded random payloads and a nonce meeting the target
 * a {@link NetworkPowCheck} of the given rules applies: the input of the benchmarks and of the
 * network tests, whose eased rules make objects cheap. Not thread-safe (one random source).
 */
public final class ObjectMaker {
  private final NetworkPowCheck pow;
  private final SplittableRandom random;
  private final long stream;

  public ObjectMaker(PowRules rules, long seed, long stream) {
    this.pow = new NetworkPowCheck(rules);
    this.random = new SplittableRandom(seed);
    this.stream = stream;
  }

  /** A msg object expiring {@code ttlSeconds} after {@code now}, valid at {@code now}. */
  public ObjectMessage make(long nowEpochSeconds, long ttlSeconds, int payloadLength) {
    byte[] payload = new byte[payloadLength];
    random.nextBytes(payload);
    ObjectHeader header = new ObjectHeader(nowEpochSeconds + ttlSeconds, ObjectType.MSG, 1, stream);
    return solve(ObjectMessage.create(0, header, Bytes.of(payload)), nowEpochSeconds);
  }

  /** {@code object} with the smallest nonce meeting the target at {@code now}. */
  public ObjectMessage solve(ObjectMessage object, long nowEpochSeconds) {
    byte[] raw = object.raw().toByteArray();
    long target = pow.target(raw, nowEpochSeconds);
    var initialHash = ObjectPow.initialHash(raw);
    for (long nonce = 0; ; nonce++) {
      if (TrialValue.meets(TrialValue.of(nonce, initialHash), target)) {
        return object.withNonce(nonce);
      }
    }
  }

  /**
   * {@code object} with the smallest nonce that does NOT meet the target, not even at a clock
   * {@link WireLimits#MAX_TIME_OFFSET_SECONDS} ahead of {@code now} (hostile tests: proof of work
   * no honest relay passes).
   */
  public ObjectMessage spoil(ObjectMessage object, long nowEpochSeconds) {
    byte[] raw = object.raw().toByteArray();
    long target = pow.target(raw, nowEpochSeconds + WireLimits.MAX_TIME_OFFSET_SECONDS);
    var initialHash = ObjectPow.initialHash(raw);
    for (long nonce = 0; ; nonce++) {
      if (!TrialValue.meets(TrialValue.of(nonce, initialHash), target)) {
        return object.withNonce(nonce);
      }
    }
  }

  /**
   * {@code object} with the smallest nonce that meets the target at a clock {@code aheadSeconds}
   * ahead of {@code now} but not at {@code now}: what a relay whose clock runs ahead passes.
   */
  public ObjectMessage solvedAhead(ObjectMessage object, long nowEpochSeconds, long aheadSeconds) {
    byte[] raw = object.raw().toByteArray();
    long ours = pow.target(raw, nowEpochSeconds);
    long theirs = pow.target(raw, nowEpochSeconds + aheadSeconds);
    var initialHash = ObjectPow.initialHash(raw);
    for (long nonce = 0; ; nonce++) {
      long trial = TrialValue.of(nonce, initialHash);
      if (TrialValue.meets(trial, theirs) && !TrialValue.meets(trial, ours)) {
        return object.withNonce(nonce);
      }
    }
  }
}
