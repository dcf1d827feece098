package dev.bitmsg.node.web;

import dev.bitmsg.node.pow.ForwardingPowProvider;
import dev.bitmsg.node.pow.PowProvider;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowProgress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Holds the proof of work of a sent message so that a browser can watch it run: once {@linkplain
 * #arm() armed}, the second search that starts while {@code doingMsgPow} says a message is in proof
 * of work (the first is its ack's, which reports no progress) reports made-up, growing progress
 * until {@linkplain #release() released} (at most a minute), then searches for real. Other searches
 * (pubkeys, getpubkeys) go on at once. Thread-safe.
 */
final class HeldPow {
  private final BooleanSupplier doingMsgPow;
  private volatile boolean armed;
  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicInteger searches = new AtomicInteger();

  HeldPow(BooleanSupplier doingMsgPow) {
    this.doingMsgPow = doingMsgPow;
  }

  void arm() {
    armed = true;
  }

  void release() {
    released.countDown();
  }

  PowProvider wrap(PowProvider inner) {
    return new ForwardingPowProvider(inner) {
      @Override
      public Result solve(InitialHash initialHash, long target, Consumer<PowProgress> progress)
          throws InterruptedException {
        if (armed && doingMsgPow.getAsBoolean() && searches.incrementAndGet() == 2) {
          long trials = 0;
          for (int i = 0; i < 300 && !released.await(200, TimeUnit.MILLISECONDS); i++) {
            trials += 10_000;
            progress.accept(new PowProgress(trials, 50_000));
          }
        }
        return inner.solve(initialHash, target, progress);
      }
    };
  }
}
