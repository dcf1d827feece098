package dev.bitmsg.node.messaging;

import dev.bitmsg.node.pow.PowProvider;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.pow.Difficulty;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowProgress;
import dev.bitmsg.pow.PowRules;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Does the proof of work for the node's own objects through the {@link PowProvider}: computes the
 * target with the node's {@link PowRules} for the demanded difficulty (at least the network
 * minimum) and the object's TTL at the moment the work starts (the verifier later sees a shorter
 * TTL, i.e. an easier target). Thread-safe.
 */
public final class PowWorker {
  /** A solved object and who solved it. Immutable. */
  public record Solved(ObjectMessage object, String by) {}

  private final PowProvider provider;
  private final PowRules rules;

  public PowWorker(PowProvider provider, PowRules rules) {
    this.provider = provider;
    this.rules = rules;
  }

  /** The target an object of {@code length} bytes (with nonce) expiring at {@code expires} gets. */
  public long target(int length, long expires, long now, Difficulty difficulty) {
    return rules.targetForSearch(length, expires - now, difficulty);
  }

  public Solved solve(
      ObjectMessage unsolved, long now, Difficulty difficulty, Consumer<PowProgress> progress)
      throws InterruptedException {
    long target = target(unsolved.length(), unsolved.expiresTime(), now, difficulty);
    PowProvider.Result r =
        provider.solve(
            InitialHash.ofObjectWithoutNonce(unsolved.bytesWithoutNonce().toByteArray()),
            target,
            progress);
    return new Solved(unsolved.withNonce(r.nonce()), r.by());
  }

  /** The nonce for the object bytes without nonce (the ack object's solver). */
  public long solveBytes(Bytes withoutNonce, long now, Difficulty difficulty)
      throws InterruptedException {
    long expires = ByteBuffer.wrap(withoutNonce.toByteArray()).getLong(0);
    long target = target(withoutNonce.length() + 8, expires, now, difficulty);
    return provider
        .solve(InitialHash.ofObjectWithoutNonce(withoutNonce.toByteArray()), target, p -> {})
        .nonce();
  }

  public String describe() {
    return provider.describe();
  }
}
