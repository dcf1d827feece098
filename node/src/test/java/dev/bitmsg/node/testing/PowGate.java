package dev.bitmsg.node.testing;

import dev.bitmsg.node.pow.ForwardingPowProvider;
import dev.bitmsg.node.pow.PowProvider;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowProgress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Holds a node's proof of work until the test {@linkplain #open() opens} the gate, so that the test
 * can act while the work is certainly still pending (a job that is queued or doing its proof of
 * work, not yet done). A search still held after {@link #LIMIT} fails instead of waiting forever.
 * Thread-safe.
 */
public final class PowGate {
  private static final Duration LIMIT = Duration.ofMinutes(2);

  private final CountDownLatch open = new CountDownLatch(1);

  /** {@code inner} with every search waiting for the gate first (for {@code Node.start}). */
  public PowProvider wrap(PowProvider inner) {
    return new ForwardingPowProvider(inner) {
      @Override
      public Result solve(InitialHash initialHash, long target, Consumer<PowProgress> progress)
          throws InterruptedException {
        if (!open.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException(
              "proof of work held for " + LIMIT + ": gate never opened");
        }
        return inner.solve(initialHash, target, progress);
      }
    };
  }

  /** Lets every held and later search go on. */
  public void open() {
    open.countDown();
  }
}
