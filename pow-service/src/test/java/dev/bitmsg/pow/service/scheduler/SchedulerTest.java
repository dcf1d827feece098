package dev.bitmsg.pow.service.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.DigestScanner;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.service.testing.Hashes;
import dev.bitmsg.pow.service.testing.RecordingScanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private static final Duration LONG = Duration.ofMinutes(5);
  private static final ClientShare ALICE = new ClientShare("alice", 1);
  private static final ClientShare BOB = new ClientShare("bob", 1);

  private final List<Scheduler> schedulers = new ArrayList<>();

  @AfterEach
  void closeAll() {
    schedulers.forEach(Scheduler::close);
  }

  private Scheduler scheduler(NonceScanner... scanners) {
    Scheduler s = new Scheduler(List.of(scanners), PassSizing.FIXED);
    schedulers.add(s);
    return s;
  }

  private static JobSpec spec(InitialHash h, long target, JobPriority p, ClientShare c) {
    return new JobSpec(h, target, p, c, LONG);
  }

  private static PowSolution await(Job job) throws Exception {
    return job.result().get(30, TimeUnit.SECONDS);
  }

  @Test
  void submit_easyTarget_returnsCpuVerifiedNonce() throws Exception {
    Scheduler s = scheduler(new DigestScanner());
    s.start();
    InitialHash h = Hashes.of("easy");
    Job job = s.submit(spec(h, Hashes.EASY, JobPriority.ACK, ALICE));
    PowSolution sol = await(job);
    assertEquals(TrialValue.of(sol.nonce(), h), sol.trialValue());
    assertTrue(TrialValue.meets(sol.trialValue(), Hashes.EASY));
    assertEquals(JobState.DONE, job.state());
    assertEquals(1, s.ready().get(30, TimeUnit.SECONDS));
  }

  @Test
  void engineTime_twoEnginesAtOnce_countsWallTimeNotTheSum() throws Exception {
    Scheduler s = scheduler(new DigestScanner(), new DigestScanner());
    s.start();
    assertEquals(2, s.ready().get(30, TimeUnit.SECONDS));
    // Both engines scan this search in parallel passes for a while.
    Job job =
        s.submit(
            spec(Hashes.of("two engines"), Hashes.targetFor(400_000), JobPriority.BULK, ALICE));
    PowSolution sol = await(job);
    assertTrue(job.engineTime().toNanos() > 0, "engine time booked");
    assertTrue(
        job.engineTime().compareTo(sol.elapsed()) <= 0,
        "engine time " + job.engineTime() + " within the job's elapsed " + sol.elapsed());
  }

  @Test
  void submit_identicalRequests_shareOneSearch() throws Exception {
    RecordingScanner rec = new RecordingScanner(50_000);
    Scheduler s = scheduler(rec);
    InitialHash h = Hashes.of("shared");
    long target = Hashes.targetFor(200_000);
    Job a = s.submit(spec(h, target, JobPriority.BULK, ALICE));
    Job b = s.submit(spec(h, target, JobPriority.INTERACTIVE, BOB));
    s.start();
    PowSolution sa = await(a);
    PowSolution sb = await(b);
    assertEquals(sa.nonce(), sb.nonce());
    assertEquals(sa.trials(), sb.trials());
    for (List<ScanSlice> batch : rec.batches()) {
      assertTrue(
          batch.stream().filter(x -> x.initialHash().equals(h)).count() <= 1,
          "one search, so at most one slice per pass");
    }
  }

  @Test
  void cancel_runningJob_scannerNoLongerGetsIt() throws Exception {
    RecordingScanner rec = new RecordingScanner(20_000);
    Scheduler s = scheduler(rec);
    s.start();
    InitialHash hard = Hashes.of("hard");
    Job job = s.submit(spec(hard, Hashes.HARD, JobPriority.BULK, ALICE));
    while (rec.slicesFor(hard) < 3) {
      rec.awaitBatches(rec.batches().size() + 1);
    }
    job.cancel("test");
    int atCancel = rec.slicesFor(hard);
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> job.result().get(5, TimeUnit.SECONDS));
    assertEquals(
        JobState.CANCELLED, assertInstanceOf(JobEndedException.class, e.getCause()).state());
    // Later work proves passes went on; the cancelled search gets at most the pass in flight.
    await(s.submit(spec(Hashes.of("after"), Hashes.targetFor(100_000), JobPriority.BULK, ALICE)));
    assertTrue(rec.slicesFor(hard) <= atCancel + 1, "cancelled search kept being scanned");
    assertTrue(s.queues().isEmpty());
  }

  @Test
  void timeout_expiresJob_andStopsItsSearch() throws Exception {
    RecordingScanner rec = new RecordingScanner(20_000);
    Scheduler s = scheduler(rec);
    s.start();
    InitialHash hard = Hashes.of("deadline");
    Job job =
        s.submit(new JobSpec(hard, Hashes.HARD, JobPriority.BULK, ALICE, Duration.ofMillis(200)));
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> job.result().get(10, TimeUnit.SECONDS));
    assertEquals(JobState.EXPIRED, assertInstanceOf(JobEndedException.class, e.getCause()).state());
    int atExpiry = rec.slicesFor(hard);
    await(s.submit(spec(Hashes.of("after"), Hashes.targetFor(100_000), JobPriority.BULK, ALICE)));
    assertTrue(rec.slicesFor(hard) <= atExpiry + 1);
  }

  @Test
  void priorities_higherClassAlwaysServedFirst() throws Exception {
    RecordingScanner rec = new RecordingScanner(10_000);
    Scheduler s = scheduler(rec);
    InitialHash bulk = Hashes.of("bulk");
    InitialHash pubkey = Hashes.of("pubkey");
    InitialHash ack = Hashes.of("ack");
    InitialHash interactive = Hashes.of("interactive");
    Job jb = s.submit(spec(bulk, Hashes.HARD, JobPriority.BULK, ALICE));
    Job jp = s.submit(spec(pubkey, Hashes.HARD, JobPriority.PUBKEY, ALICE));
    Job ja = s.submit(spec(ack, Hashes.HARD, JobPriority.ACK, BOB));
    Job ji = s.submit(spec(interactive, Hashes.HARD, JobPriority.INTERACTIVE, BOB));
    assertEquals(0, ji.progress().queuePosition(), "interactive is first in line");
    assertEquals(3, jb.progress().queuePosition());
    s.start();
    List<InitialHash> order = new ArrayList<>();
    for (Job j : List.of(ji, ja, jp, jb)) {
      int before = rec.batches().size();
      rec.awaitBatches(before + 3);
      // Every pass since the previous cancel went to the highest class still open.
      List<List<ScanSlice>> batches = rec.batches();
      List<ScanSlice> last = batches.get(batches.size() - 1);
      order.add(last.get(0).initialHash());
      j.cancel("next");
    }
    assertEquals(List.of(interactive, ack, pubkey, bulk), order);
  }

  @Test
  void fairness_equalWeightsGetEqualTrials_weightedGetProportional() throws Exception {
    RecordingScanner rec = new RecordingScanner(10_000);
    Scheduler s = scheduler(rec);
    ClientShare heavy = new ClientShare("heavy", 3);
    InitialHash a = Hashes.of("a");
    InitialHash b = Hashes.of("b");
    InitialHash c = Hashes.of("c");
    s.submit(spec(a, Hashes.HARD, JobPriority.BULK, ALICE));
    s.submit(spec(b, Hashes.HARD, JobPriority.BULK, BOB));
    s.submit(spec(c, Hashes.HARD, JobPriority.BULK, heavy));
    s.start();
    rec.awaitBatches(1 + 50);
    long ta = 0;
    long tb = 0;
    long tc = 0;
    List<List<ScanSlice>> batches = rec.batches();
    for (List<ScanSlice> batch : batches.subList(1, 51)) {
      for (ScanSlice x : batch) {
        if (x.initialHash().equals(a)) {
          ta += x.count();
        } else if (x.initialHash().equals(b)) {
          tb += x.count();
        } else if (x.initialHash().equals(c)) {
          tc += x.count();
        }
      }
    }
    assertEquals(500_000, ta + tb + tc);
    assertEquals((double) ta, (double) tb, 10_000, "equal weights, equal service within one pass");
    assertEquals(3.0 * ta, (double) tc, 30_000, "weight 3 gets three times the service");
  }

  @Test
  void batching_smallJobsShareOnePass() throws Exception {
    RecordingScanner rec = new RecordingScanner(1_000_000);
    Scheduler s = scheduler(rec);
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(s.submit(spec(Hashes.of("small" + i), Hashes.EASY, JobPriority.ACK, ALICE)));
    }
    s.start();
    for (Job j : jobs) {
      await(j);
    }
    List<ScanSlice> firstPass = rec.batches().get(1);
    assertEquals(5, firstPass.size(), "five small jobs in one scanner call");
    assertTrue(firstPass.stream().allMatch(x -> x.count() == 4_000 || x.count() == 15_625));
  }

  @Test
  void batching_neverMixesClasses_soUrgentPassesStayShort() throws Exception {
    RecordingScanner rec = new RecordingScanner(1_000_000);
    Scheduler s = scheduler(rec);
    InitialHash bulk = Hashes.of("bulk-background");
    InitialHash urgent = Hashes.of("urgent");
    s.submit(spec(bulk, Hashes.HARD, JobPriority.BULK, ALICE));
    Job u = s.submit(spec(urgent, Hashes.EASY, JobPriority.INTERACTIVE, BOB));
    s.start();
    await(u);
    List<ScanSlice> first = rec.batches().get(1);
    assertEquals(List.of(urgent), first.stream().map(ScanSlice::initialHash).toList());
  }

  @Test
  void wrongNonce_failsVerification_retiresEngine() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    NonceScanner liar =
        new NonceScanner() {
          private final DigestScanner real = new DigestScanner();

          @Override
          public String name() {
            return "liar";
          }

          @Override
          public long trialsPerPass() {
            return 10_000;
          }

          @Override
          public List<ScanOutcome> scan(List<ScanSlice> slices) {
            if (calls.getAndIncrement() == 0) {
              return real.scan(slices); // pass the self-test
            }
            List<ScanOutcome> out = new ArrayList<>();
            for (ScanSlice x : slices) {
              out.add(ScanOutcome.found(x.firstNonce(), 0, 1));
            }
            return out;
          }

          @Override
          public void close() {}
        };
    AtomicInteger failures = new AtomicInteger();
    Scheduler s = new Scheduler(List.of(liar));
    s.addListener(
        new SchedulerListener() {
          @Override
          public void verificationFailed(String engine) {
            failures.incrementAndGet();
          }
        });
    schedulers.add(s);
    s.start();
    Job job = s.submit(spec(Hashes.of("victim"), Hashes.HARD, JobPriority.BULK, ALICE));
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> job.result().get(10, TimeUnit.SECONDS));
    assertEquals(JobState.FAILED, assertInstanceOf(JobEndedException.class, e.getCause()).state());
    assertEquals(1, failures.get());
    assertEquals(0, s.healthyWorkers());
  }

  @Test
  void selfTest_brokenScanner_isNotUsed() throws Exception {
    NonceScanner blind =
        new NonceScanner() {
          @Override
          public String name() {
            return "blind";
          }

          @Override
          public long trialsPerPass() {
            return 10_000;
          }

          @Override
          public List<ScanOutcome> scan(List<ScanSlice> slices) {
            return slices.stream().map(x -> ScanOutcome.notFound(x.count())).toList();
          }

          @Override
          public void close() {}
        };
    Scheduler s = scheduler(blind, new DigestScanner());
    s.start();
    assertEquals(1, s.ready().get(30, TimeUnit.SECONDS));
    PowSolution sol = await(s.submit(spec(Hashes.of("x"), Hashes.EASY, JobPriority.BULK, ALICE)));
    assertEquals("cpu-digest", sol.engine());
  }

  /**
   * The CPU engine's scanner changes its name when its warm-up switches from {@code digest} to the
   * compiled kernel: results, and the engines' figures, name the scanner as it is when it works.
   */
  @Test
  void resultsNameTheScannerAsItIsWhenItWorks() throws Exception {
    AtomicReference<String> name = new AtomicReference<>("cpu-digestx1");
    Supplier<String> current = () -> Objects.requireNonNull(name.get());
    DigestScanner real = new DigestScanner();
    NonceScanner switching =
        new NonceScanner() {
          @Override
          public String name() {
            return current.get();
          }

          @Override
          public long trialsPerPass() {
            return real.trialsPerPass();
          }

          @Override
          public List<ScanOutcome> scan(List<ScanSlice> slices) {
            return real.scan(slices);
          }

          @Override
          public void close() {
            real.close();
          }
        };
    Scheduler s = scheduler(switching);
    s.start();
    assertEquals(1, s.ready().get(30, TimeUnit.SECONDS));
    name.set("cpu-simd3x1");
    PowSolution sol = await(s.submit(spec(Hashes.of("y"), Hashes.EASY, JobPriority.BULK, ALICE)));
    assertEquals("cpu-simd3x1", sol.engine());
    assertEquals("cpu-simd3x1", s.engines().get(0).name());
  }
}
