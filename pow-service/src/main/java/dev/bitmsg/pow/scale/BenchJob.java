package dev.bitmsg.pow.scale;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.client.PowClient;
import dev.bitmsg.pow.client.RemoteAnswer;
import dev.bitmsg.pow.v1.Priority;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bench job: a fresh initial hash (so the service never merges two jobs), a target with a given
 * number of expected trials, run through a client and checked. Immutable.
 */
record BenchJob(InitialHash hash, long target) {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  /** A new job expecting about {@code expectedTrials} trials. */
  static BenchJob of(double expectedTrials) {
    String label = "bench-" + SEQUENCE.incrementAndGet() + "@" + System.nanoTime();
    return new BenchJob(
        InitialHash.ofObjectWithoutNonce(label.getBytes(StandardCharsets.UTF_8)),
        targetFor(expectedTrials));
  }

  /** The target with about {@code expectedTrials} expected trials. */
  static long targetFor(double expectedTrials) {
    double t = 0x1p64 / expectedTrials - 1;
    return t >= 0x1p63 ? (long) (t - 0x1p64) : (long) t;
  }

  /** Runs the job through {@code client}; the answer is verified again here. */
  RemoteAnswer run(PowClient client) throws InterruptedException {
    RemoteAnswer a =
        client.solve(
            hash,
            target,
            Priority.PRIORITY_INTERACTIVE,
            ThreadLocalRandom.current().nextLong(),
            p -> {});
    if (!TrialValue.isSolution(a.nonce(), hash, target)) {
      throw new IllegalStateException("an answer that does not verify from " + a.replica());
    }
    return a;
  }
}
