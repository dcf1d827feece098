package dev.bitmsg.pow;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A single-thread CPU scanner that works with whichever kernel {@link CpuKernelWarmup#active()}
 * names at the start of each pass: {@code digest} until the chosen Vector API kernel is compiled
 * and checked, that kernel afterwards. Both test nonces in ascending order, so a slice's answer is
 * the same whichever one scans it. Scans run on one thread at a time; {@link #trialsPerPass()} and
 * {@link #name()} may be called from another (the kernel switch is guarded by this object's lock).
 */
final class SwitchingScanner implements NonceScanner {
  private final CpuKernelWarmup warmup;
  private final DigestScanner digest = new DigestScanner();
  private @Nullable NonceScanner fast; // guarded by this
  private @Nullable CpuKernel fastKernel; // guarded by this

  SwitchingScanner(CpuKernelWarmup warmup) {
    this.warmup = warmup;
  }

  private synchronized NonceScanner current() {
    CpuKernel k = warmup.active();
    if (!k.simd()) {
      return digest;
    }
    NonceScanner f = fast;
    if (f == null || k != fastKernel) {
      if (f != null) {
        f.close();
      }
      f = k.newScanner();
      double rate = warmup.choice().map(c -> c.rate(k)).orElse(0.0);
      if (rate > 0 && f instanceof SequentialScanner seq) {
        seq.assumeRate(rate);
      }
      fast = f;
      fastKernel = k;
    }
    return f;
  }

  @Override
  public String name() {
    CpuKernel k = warmup.active();
    return k.simd() ? SimdScanner.NAME + k.streams() : DigestScanner.NAME;
  }

  @Override
  public long trialsPerPass() {
    return current().trialsPerPass();
  }

  @Override
  public List<ScanOutcome> scan(List<ScanSlice> slices) {
    return current().scan(slices);
  }

  @Override
  public synchronized void close() {
    digest.close();
    NonceScanner f = fast;
    if (f != null) {
      f.close();
    }
  }
}
