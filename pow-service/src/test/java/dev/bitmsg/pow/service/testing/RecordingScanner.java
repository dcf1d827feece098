package dev.bitmsg.pow.service.testing;

import dev.bitmsg.pow.DigestScanner;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real CPU scanner ({@link DigestScanner}) that also records every batch it is given, so tests
 * can see which searches the scheduler handed out and when. Optionally a fixed pass size, and a
 * gate that holds the first call (the self-test) until opened. Thread-safe recording.
 */
public final class RecordingScanner implements NonceScanner {
  private final NonceScanner real = new DigestScanner();
  private final long passTrials;
  private final List<List<ScanSlice>> batches = new ArrayList<>();
  private final CountDownLatch gate;

  /** Passes of {@code passTrials} trials (0: the real scanner's own size). */
  public RecordingScanner(long passTrials) {
    this(passTrials, new CountDownLatch(0));
  }

  public RecordingScanner(long passTrials, CountDownLatch gate) {
    this.passTrials = passTrials;
    this.gate = gate;
  }

  @Override
  public String name() {
    return "cpu-recording";
  }

  @Override
  public long trialsPerPass() {
    return passTrials > 0 ? passTrials : real.trialsPerPass();
  }

  @Override
  public List<ScanOutcome> scan(List<ScanSlice> slices) {
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gate never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    synchronized (this) {
      batches.add(List.copyOf(slices));
      notifyAll();
    }
    return real.scan(slices);
  }

  /** Every batch so far, the self-test's included, in call order. */
  public synchronized List<List<ScanSlice>> batches() {
    return List.copyOf(batches);
  }

  /** Slices handed out for {@code hash} so far. */
  public synchronized int slicesFor(InitialHash hash) {
    int n = 0;
    for (List<ScanSlice> b : batches) {
      for (ScanSlice s : b) {
        if (s.initialHash().equals(hash)) {
          n++;
        }
      }
    }
    return n;
  }

  /** Waits (bounded) until at least {@code n} batches were scanned. */
  public synchronized void awaitBatches(int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (batches.size() < n) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("only " + batches.size() + " of " + n + " batches in 30 s");
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  @Override
  public void close() {
    real.close();
  }
}
