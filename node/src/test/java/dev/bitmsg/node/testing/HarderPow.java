package dev.bitmsg.node.testing;

import dev.bitmsg.node.pow.PowProvider;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowProgress;
import java.util.function.Consumer;

/**
 * A real provider searching for a target {@code 2^bits} times harder than asked (a nonce meeting
 * the harder target meets the asked one too). With enough bits a search outlasts any test, so a
 * test can look at work in progress, or kill it, without racing a lucky nonce. Thread-safe.
 */
public final class HarderPow implements PowProvider {
  private final PowProvider inner;
  private final int bits;

  public HarderPow(PowProvider inner, int bits) {
    this.inner = inner;
    this.bits = bits;
  }

  @Override
  public Result solve(InitialHash initialHash, long target, Consumer<PowProgress> progress)
      throws InterruptedException {
    return inner.solve(initialHash, target >>> bits, progress);
  }

  @Override
  public String describe() {
    return inner.describe();
  }

  @Override
  public void close() {
    inner.close();
  }
}
