package dev.bitmsg.pow.service.testing;

import com.google.protobuf.ByteString;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.v1.Priority;
import dev.bitmsg.pow.v1.SolveRequest;
import dev.bitmsg.vectors.VectorFile;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Requests and objects the service tests send. */
public final class Requests {
  private Requests() {}

  /** An interactive Solve of {@code h} at {@code target}. */
  public static SolveRequest solve(InitialHash h, long target) {
    return SolveRequest.newBuilder()
        .setInitialHash(ByteString.copyFrom(h.toByteArray()))
        .setTarget(target)
        .setPriority(Priority.PRIORITY_INTERACTIVE)
        .build();
  }

  /** The minimal object of docs/vectors/objects.txt with its expiry moved to now + ttl. */
  public static byte[] objectExpiringIn(long ttlSeconds) {
    byte[] o = VectorFile.block("objects.txt", "minimal object header decode").hex("object");
    ByteBuffer.wrap(o).putLong(8, Instant.now().getEpochSecond() + ttlSeconds);
    return o;
  }
}
