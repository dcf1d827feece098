package dev.bitmsg.pow.service.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.DigestScanner;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.service.testing.Hashes;
import dev.bitmsg.pow.service.testing.RecordingScanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A job's resume point (searched from, next nonce) with several engines finishing slices out of
 * order, and with an engine that fails holding slices: every nonce below the resume point was
 * scanned by an engine that reported it, and the point moves past a failed engine's slices.
 */
class ResumePointTest {
  private static final ClientShare ALICE = new ClientShare("alice", 1);
  private final List<Scheduler> schedulers = new ArrayList<>();

  @AfterEach
  void closeAll() {
    schedulers.forEach(Scheduler::close);
  }

  /** Passes its self-test, then throws on its first real batch (and records that batch). */
  private static final class FailingScanner implements NonceScanner {
    private final NonceScanner real = new DigestScanner();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile @Nullable List<ScanSlice> lost;

    @Override
    public String name() {
      return "cpu-failing";
    }

    @Override
    public long trialsPerPass() {
      return 3_000;
    }

    @Override
    public List<ScanOutcome> scan(List<ScanSlice> slices) {
      if (calls.incrementAndGet() == 1) {
        return real.scan(slices);
      }
      lost = List.copyOf(slices);
      throw new IllegalStateException("device lost");
    }

    @Override
    public void close() {}
  }

  private static JobProgress awaitPast(Job job, long nonce, long start) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      JobProgress p = job.progress();
      if (p.nextNonce() - start > nonce - start) {
        return p;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("resume point stuck at " + job.progress().nextNonce());
  }

  @Test
  void failedEnginesSlices_areScannedAgain_andTheResumePointPassesThem() throws Exception {
    RecordingScanner good = new RecordingScanner(2_000);
    FailingScanner bad = new FailingScanner();
    Scheduler s = new Scheduler(List.of(good, bad), PassSizing.FIXED);
    schedulers.add(s);
    s.start();
    assertEquals(2, s.ready().get(60, TimeUnit.SECONDS));
    long start = 1L << 50;
    InitialHash h = Hashes.of("resume after a failed engine");
    Job job =
        s.submit(
            new JobSpec(
                h,
                Hashes.HARD,
                JobPriority.BULK,
                ALICE,
                Duration.ofMinutes(5),
                OptionalLong.of(start)));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (bad.lost == null && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    List<ScanSlice> lost = bad.lost;
    assertTrue(lost != null, "the failing engine got a batch");
    ScanSlice last = lost.get(lost.size() - 1);
    JobProgress p = awaitPast(job, last.firstNonce() + last.count(), start);
    assertEquals(start, p.searchedFrom());
    assertCovered(good, h, start, p.nextNonce());
    job.cancel("done with it");
  }

  @Test
  void twoEngines_outOfOrderSlices_resumePointIsAContiguousScannedPrefix() throws Exception {
    RecordingScanner a = new RecordingScanner(1_000);
    RecordingScanner b = new RecordingScanner(7_000);
    Scheduler s = new Scheduler(List.of(a, b), PassSizing.FIXED);
    schedulers.add(s);
    s.start();
    assertEquals(2, s.ready().get(60, TimeUnit.SECONDS));
    long start = -20_000; // wraps through 2^64 on the way
    InitialHash h = Hashes.of("resume with two engines");
    Job job =
        s.submit(
            new JobSpec(
                h,
                Hashes.HARD,
                JobPriority.BULK,
                ALICE,
                Duration.ofMinutes(5),
                OptionalLong.of(start)));
    JobProgress p = awaitPast(job, start + 60_000, start);
    job.cancel("done with it");
    assertEquals(start, p.searchedFrom());
    List<ScanSlice> both = new ArrayList<>(slices(a, h));
    both.addAll(slices(b, h));
    assertCovered(both, start, p.nextNonce());
  }

  private static List<ScanSlice> slices(RecordingScanner r, InitialHash h) {
    List<ScanSlice> out = new ArrayList<>();
    for (List<ScanSlice> batch : r.batches()) {
      for (ScanSlice slice : batch) {
        if (slice.initialHash().equals(h)) {
          out.add(slice);
        }
      }
    }
    return out;
  }

  private static void assertCovered(RecordingScanner r, InitialHash h, long from, long until) {
    assertCovered(slices(r, h), from, until);
  }

  /** The slices, scanned by engines that reported them, cover [from, until) without a hole. */
  private static void assertCovered(List<ScanSlice> slices, long from, long until) {
    List<ScanSlice> sorted = new ArrayList<>(slices);
    sorted.sort(Comparator.comparingLong(sl -> sl.firstNonce() - from));
    long covered = 0; // offset from `from`
    for (ScanSlice sl : sorted) {
      long offset = sl.firstNonce() - from;
      if (offset > covered) {
        break;
      }
      covered = Math.max(covered, offset + sl.count());
    }
    assertTrue(
        covered >= until - from,
        "scanned slices cover "
            + covered
            + " nonces from the start, resume point claims "
            + (until - from));
    assertTrue(until - from > 0, "the resume point moved");
  }
}
