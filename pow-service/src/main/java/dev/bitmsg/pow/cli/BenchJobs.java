package dev.bitmsg.pow.cli;

import com.google.protobuf.ByteString;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.service.client.PowServiceClient;
import dev.bitmsg.pow.v1.Priority;
import dev.bitmsg.pow.v1.SolveRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The jobs and connections of {@code ./bm bench service}: each job gets a fresh initial hash, so
 * the scheduler never merges two of them, and a target sized by its expected trials.
 */
final class BenchJobs {
  /** Expected trials of a "small" job: a short message at the network difficulty. */
  static final double SMALL_JOB_TRIALS = 1.4e6;

  private BenchJobs() {}

  static PowServiceClient client(String target, String token) throws IOException {
    return PowServiceClient.connect(target, Optional.of(token), Optional.empty());
  }

  static SolveRequest solve(InitialHash h, long target, Priority p) {
    return SolveRequest.newBuilder()
        .setInitialHash(ByteString.copyFrom(h.toByteArray()))
        .setTarget(target)
        .setPriority(p)
        .build();
  }

  static InitialHash hash(String label) {
    return InitialHash.ofObjectWithoutNonce(
        (label + "@" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
  }

  /** The target with about {@code expectedTrials} expected trials. */
  static long targetFor(double expectedTrials) {
    double t = 0x1p64 / expectedTrials - 1;
    return t >= 0x1p63 ? (long) (t - 0x1p64) : (long) t;
  }
}
