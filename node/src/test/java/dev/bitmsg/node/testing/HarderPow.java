package dev.bitmsg.node.testing;

import dev.bitmsg.node.pow.ForwardingPowProvider;
import dev.bitmsg.node.pow.PowProvider;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowProgress;
import java.util.function.Consumer;

/**
 * A real provider searching for a target {@code 2^bits} times harder than asked (a nonce meeting
 * the harder target meets the asked one too). With enough bits a search outlasts any test, so a
 * test can look at work in progress, or kill it, without racing a lucky nonce. Thread-safe.
 */
public final class HarderPow extends ForwardingPowProvider {
  private final int bits;

  public HarderPow(PowProvider inner, int bits) {
    super(inner);
    this.bits = bits;
  }

  @Override
  public Result solve(InitialHash initialHash, long target, Consumer<PowProgress> progress)
      throws InterruptedException {
    return delegate().solve(initialHash, target >>> bits, progress);
  }
}
