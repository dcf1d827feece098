package dev.bitmsg.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.testing.LyingScanner;
import dev.bitmsg.pow.testing.RandomHashes;
import dev.bitmsg.vectors.VectorFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlicedPowEngineTest {
  private static final long EASY = 1L << 50; // about 16 000 trials
  private static final long HOPELESS = 1000; // about 2 * 10^16 trials

  private static PowSolution await(PowHandle h) throws Exception {
    return h.result().get(120, TimeUnit.SECONDS);
  }

  @Test
  void cpuEngineSolvesEasyJobsWithEitherKernel() throws Exception {
    Random rnd = new Random(1);
    for (CpuKernel k : CpuKernel.values()) {
      if (k.unavailableReason().isPresent()) {
        continue;
      }
      try (SlicedPowEngine engine = CpuPowEngine.create(2, k)) {
        assertEquals("cpu", engine.name());
        InitialHash h = RandomHashes.next(rnd);
        PowHandle handle = engine.submit(PowJob.randomStart(h, EASY));
        PowSolution s = await(handle);
        assertTrue(TrialValue.isSolution(s.nonce(), h, EASY));
        assertEquals(TrialValue.of(s.nonce(), h), s.trialValue());
        assertTrue(s.trials() > 0);
        assertEquals(s.trials(), handle.progress().trials());
        assertTrue(s.engine().startsWith("cpu-" + k.label()), s.engine());
      }
    }
  }

  @Test
  void workedExampleAtNetworkDifficulty() throws Exception {
    VectorFile.Block b = VectorFile.block("pow.txt", "full worked example");
    InitialHash h = InitialHash.of(b.hex("initial_hash"));
    try (SlicedPowEngine engine = CpuPowEngine.create(0)) {
      PowSolution s = await(engine.submit(new PowJob(h, b.decimal("target"), 0)));
      assertTrue(TrialValue.isSolution(s.nonce(), h, b.decimal("target")));
    }
  }

  @Test
  void manyJobsTogetherEachGetTheirOwnAnswer() throws Exception {
    Random rnd = new Random(2);
    List<PowJob> jobs = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      jobs.add(new PowJob(RandomHashes.next(rnd), EASY, rnd.nextLong()));
    }
    // Two scanners working at once on the same jobs.
    try (SlicedPowEngine engine =
        new SlicedPowEngine(
            "mixed",
            List.of(
                new DigestScanner(), CpuPowEngine.scanner(1, CpuKernelChoice.get().kernel())))) {
      List<PowHandle> handles = engine.submitAll(jobs);
      for (int i = 0; i < jobs.size(); i++) {
        PowSolution s = await(handles.get(i));
        assertTrue(TrialValue.isSolution(s.nonce(), jobs.get(i).initialHash(), EASY), "job " + i);
        assertEquals(jobs.get(i), handles.get(i).job());
      }
    }
  }

  @Test
  void nonceZeroIsReportedAsASolution() throws Exception {
    InitialHash h = RandomHashes.next(new Random(3));
    long target = TrialValue.of(0, h);
    try (SlicedPowEngine engine = new SlicedPowEngine("digest", List.of(new DigestScanner()))) {
      PowSolution s = await(engine.submit(new PowJob(h, target, 0)));
      assertEquals(0, s.nonce());
      assertEquals(target, s.trialValue());
    }
  }

  @Test
  void cancelStopsTheWork() throws Exception {
    SliceLog scanner = new SliceLog(new DigestScanner());
    try (SlicedPowEngine engine = new SlicedPowEngine("logged", List.of(scanner))) {
      InitialHash otherHash = RandomHashes.next(new Random(4));
      InitialHash cancelledHash = RandomHashes.next(new Random(5));
      PowHandle other = engine.submit(PowJob.randomStart(otherHash, HOPELESS));
      PowHandle h = engine.submit(PowJob.randomStart(cancelledHash, HOPELESS));
      scanner.awaitSlicesFor(cancelledHash, 1);
      h.cancel();
      assertThrows(CancellationException.class, () -> await(h));
      // The scanner itself is watched, not the job's counter (which stops counting on cancel even
      // if scanning went on). One pass may have been claimed before the cancel; every pass the
      // scanner starts after that one must leave the cancelled job out, while the other goes on.
      int cancelledAt = scanner.passes();
      scanner.awaitSlicesFor(otherHash, scanner.slicesFor(otherHash) + 5);
      List<List<ScanSlice>> after = scanner.passesFrom(cancelledAt + 1);
      assertTrue(after.size() >= 4, "passes after the cancel: " + after.size());
      for (List<ScanSlice> pass : after) {
        for (ScanSlice s : pass) {
          assertNotEquals(cancelledHash, s.initialHash(), "a cancelled job was scanned");
        }
      }
      assertTrue(other.progress().trials() > 0, "the other job goes on");
      h.cancel(); // idempotent
    }
  }

  @Test
  void closeCancelsEverythingAndRefusesNewJobs() throws Exception {
    SlicedPowEngine engine = CpuPowEngine.create(1, CpuKernel.DIGEST);
    Random rnd = new Random(6);
    List<PowHandle> handles = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      handles.add(engine.submit(PowJob.randomStart(RandomHashes.next(rnd), HOPELESS)));
    }
    engine.close();
    for (PowHandle h : handles) {
      assertThrows(CancellationException.class, () -> await(h));
    }
    PowHandle late = engine.submit(PowJob.randomStart(RandomHashes.next(rnd), EASY));
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(late));
    assertInstanceOf(PowException.class, e.getCause());
  }

  @Test
  void wrongAnswersAreCaughtAndTheOtherScannerFinishes() throws Exception {
    InitialHash h = RandomHashes.next(new Random(8));
    LyingScanner liar = new LyingScanner();
    // The honest scanner waits for the liar's first answer, so the liar surely takes part.
    try (SlicedPowEngine engine =
        new SlicedPowEngine(
            "guarded", List.of(liar, new GatedScanner(new DigestScanner(), liar.asked)))) {
      PowSolution s = await(engine.submit(new PowJob(h, EASY, 12345)));
      assertTrue(TrialValue.isSolution(s.nonce(), h, EASY));
      assertEquals(DigestScanner.NAME, s.engine());
    }
    assertEquals(0, liar.asked.getCount(), "the liar was asked");
  }

  @Test
  void onlyWrongAnswersFailTheJob() throws Exception {
    InitialHash h = RandomHashes.next(new Random(9));
    try (SlicedPowEngine engine = new SlicedPowEngine("liar", List.of(new LyingScanner()))) {
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> await(engine.submit(new PowJob(h, EASY, 0))));
      assertInstanceOf(PowException.class, e.getCause());
      assertNotNull(engine.failure());
      ExecutionException later =
          assertThrows(
              ExecutionException.class, () -> await(engine.submit(new PowJob(h, EASY, 0))));
      assertInstanceOf(PowException.class, later.getCause());
    }
  }

  /** Delegates to a real scanner once {@code gate} opens (bounded wait). */
  private static final class GatedScanner implements NonceScanner {
    private final NonceScanner delegate;
    private final CountDownLatch gate;

    GatedScanner(NonceScanner delegate, CountDownLatch gate) {
      this.delegate = delegate;
      this.gate = gate;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public long trialsPerPass() {
      return delegate.trialsPerPass();
    }

    @Override
    public List<ScanOutcome> scan(List<ScanSlice> slices) {
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return delegate.scan(slices);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  /** Delegates to a real scanner and keeps every pass it was given, in call order. */
  private static final class SliceLog implements NonceScanner {
    private final NonceScanner delegate;
    private final List<List<ScanSlice>> passes = new ArrayList<>();

    SliceLog(NonceScanner delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public long trialsPerPass() {
      return delegate.trialsPerPass();
    }

    @Override
    public List<ScanOutcome> scan(List<ScanSlice> slices) {
      synchronized (this) {
        passes.add(List.copyOf(slices));
        notifyAll();
      }
      return delegate.scan(slices);
    }

    synchronized int passes() {
      return passes.size();
    }

    synchronized List<List<ScanSlice>> passesFrom(int index) {
      return List.copyOf(passes.subList(Math.min(index, passes.size()), passes.size()));
    }

    synchronized int slicesFor(InitialHash hash) {
      int n = 0;
      for (List<ScanSlice> pass : passes) {
        for (ScanSlice s : pass) {
          if (s.initialHash().equals(hash)) {
            n++;
          }
        }
      }
      return n;
    }

    /** Waits (60 s at most) until {@code n} slices of {@code hash} were handed out. */
    synchronized void awaitSlicesFor(InitialHash hash, int n) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (slicesFor(hash) < n) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("only " + slicesFor(hash) + " of " + n + " slices in 60 s");
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
