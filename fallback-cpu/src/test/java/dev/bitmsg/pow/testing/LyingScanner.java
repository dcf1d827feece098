package dev.bitmsg.pow.testing;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A scanner named {@code liar} that claims the first nonce of every slice solves it, with trial
 * value 0: what a broken device would do. {@link #asked} opens at its first scan. Thread-safe.
 */
public final class LyingScanner implements NonceScanner {
  /** Counted down by the first {@link #scan}. */
  public final CountDownLatch asked = new CountDownLatch(1);

  @Override
  public String name() {
    return "liar";
  }

  @Override
  public long trialsPerPass() {
    return 4096;
  }

  @Override
  public List<ScanOutcome> scan(List<ScanSlice> slices) {
    List<ScanOutcome> out = new ArrayList<>();
    for (ScanSlice s : slices) {
      out.add(ScanOutcome.found(s.firstNonce(), 0, 1));
    }
    asked.countDown();
    return out;
  }

  @Override
  public void close() {}
}
