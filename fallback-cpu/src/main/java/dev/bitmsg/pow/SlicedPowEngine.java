package dev.bitmsg.pow;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PowEngine} over one or more {@link NonceScanner}s, all working at once, one named daemon
 * worker thread per scanner. Each pass a worker takes the active jobs (up to a batch that still
 * gives each job a useful slice, rotating through the rest), claims the next slice of every job
 * from the job's shared cursor (so several scanners never test the same nonce), and hands them to
 * its scanner in one {@code scan} call sized by {@link NonceScanner#trialsPerPass()}, i.e. about 20
 * ms. A found nonce is re-verified with {@link TrialValue} before the job completes; a wrong answer
 * is logged at ERROR and takes that scanner out of service while the job goes on with the others
 * (it fails with {@link PowException} when none is left). Cancelling a job or {@link #close()
 * closing} the engine stops the work on it within one pass. Thread-safe.
 */
public final class SlicedPowEngine implements PowEngine {
  /**
   * pow-cpu has no dependencies, so it logs through the JDK's {@code System.Logger} (the service
   * and the node route it into SLF4J); messages have the house shape: what happened, then {@code
   * key=value} details.
   */
  private static final System.Logger LOG = System.getLogger(SlicedPowEngine.class.getName());

  /** Fewer trials per job and pass than this are not worth a slice. */
  private static final long MIN_SLICE = 256;

  /** How long an idle worker sleeps before checking again (submit wakes it at once). */
  private static final long IDLE_WAIT_MS = 200;

  private final String name;
  private final List<NonceScanner> scanners;
  private final List<Thread> workers = new ArrayList<>();
  private final List<SlicedJob> active = new CopyOnWriteArrayList<>();
  private final Object wakeUp = new Object();
  private final AtomicInteger healthy;
  private final AtomicLong rotation = new AtomicLong();
  private volatile boolean closed;
  private volatile @Nullable String failure;

  /** Starts one worker per scanner; the engine owns the scanners and closes them. */
  public SlicedPowEngine(String name, List<? extends NonceScanner> scanners) {
    if (scanners.isEmpty()) {
      throw new IllegalArgumentException("an engine needs at least one scanner");
    }
    this.name = name;
    this.scanners = List.copyOf(scanners);
    this.healthy = new AtomicInteger(this.scanners.size());
    for (int i = 0; i < this.scanners.size(); i++) {
      NonceScanner s = this.scanners.get(i);
      Thread t = new Thread(() -> work(s), "pow-" + name + "-" + i + "-" + s.name());
      t.setDaemon(true);
      workers.add(t);
    }
    workers.forEach(Thread::start);
  }

  @Override
  public String name() {
    return name;
  }

  /** Names of the scanners, in worker order. */
  public List<String> scannerNames() {
    List<String> names = new ArrayList<>();
    scanners.forEach(s -> names.add(s.name()));
    return names;
  }

  /** Why the engine stopped working (every scanner failed), or null while it works. */
  public @Nullable String failure() {
    return failure;
  }

  @Override
  public PowHandle submit(PowJob job) {
    return submitAll(List.of(job)).get(0);
  }

  @Override
  public List<PowHandle> submitAll(List<PowJob> jobs) {
    List<PowHandle> handles = new ArrayList<>(jobs.size());
    List<SlicedJob> added = new ArrayList<>(jobs.size());
    for (PowJob pj : jobs) {
      SlicedJob j = new SlicedJob(pj);
      handles.add(j);
      String why = closed ? "engine " + name + " is closed" : failure;
      if (why != null) {
        j.result.completeExceptionally(new PowException(why));
      } else {
        added.add(j);
      }
    }
    active.addAll(added);
    if (closed) { // raced with close(): do not leave jobs behind
      added.forEach(SlicedJob::cancel);
    }
    String failed = failure;
    if (failed != null) { // raced with the last scanner failing
      added.forEach(j -> j.result.completeExceptionally(new PowException(failed)));
    }
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
    return handles;
  }

  private void work(NonceScanner scanner) {
    try {
      while (!closed) {
        List<Claim> batch = nextBatch(scanner.trialsPerPass());
        if (batch.isEmpty()) {
          synchronized (wakeUp) {
            if (activeCount() == 0 && !closed) {
              wakeUp.wait(IDLE_WAIT_MS);
            }
          }
          continue;
        }
        if (!pass(scanner, batch)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int activeCount() {
    active.removeIf(j -> j.result.isDone());
    return active.size();
  }

  /** The jobs of the next pass with their slices claimed. */
  private List<Claim> nextBatch(long trialsPerPass) {
    active.removeIf(j -> j.result.isDone());
    List<SlicedJob> jobs = new ArrayList<>(active);
    if (jobs.isEmpty()) {
      return List.of();
    }
    int max = (int) Math.max(1, Math.min(jobs.size(), trialsPerPass / MIN_SLICE));
    List<SlicedJob> batch = new ArrayList<>(max);
    long first = rotation.getAndAdd(max);
    for (int i = 0; i < max; i++) {
      batch.add(jobs.get((int) Math.floorMod(first + i, (long) jobs.size())));
    }
    long each = Math.max(MIN_SLICE, trialsPerPass / batch.size());
    List<Claim> claimed = new ArrayList<>(batch.size());
    for (SlicedJob j : batch) {
      ScanSlice slice = j.claim(each);
      if (slice != null) {
        claimed.add(new Claim(j, slice));
      }
    }
    return claimed;
  }

  /** One scan call; false when this scanner must stop (it failed). */
  private boolean pass(NonceScanner scanner, List<Claim> batch) {
    List<ScanSlice> slices = new ArrayList<>(batch.size());
    for (Claim c : batch) {
      slices.add(c.slice());
    }
    List<ScanOutcome> outcomes;
    try {
      outcomes = scanner.scan(slices);
      if (outcomes.size() != slices.size()) {
        throw new PowException(
            "scanner returned " + outcomes.size() + " outcomes for " + slices.size() + " slices");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, () -> "scanner failed engine=" + name + " scanner=" + scanner.name(), e);
      batch.forEach(c -> c.job().release());
      scannerFailed(scanner.name() + " failed: " + e);
      return false;
    }
    boolean ok = true;
    for (int i = 0; i < batch.size(); i++) {
      SlicedJob j = batch.get(i).job();
      ScanOutcome o = outcomes.get(i);
      if (o.found() && !TrialValue.isSolution(o.nonce(), j.job.initialHash(), j.job.target())) {
        LOG.log(
            Level.ERROR,
            "scanner returned a wrong nonce engine={0} scanner={1} nonce={2} hash={3} target={4}",
            name,
            scanner.name(),
            Long.toUnsignedString(o.nonce()),
            j.job.initialHash(),
            Long.toUnsignedString(j.job.target()));
        ok = false;
        o = ScanOutcome.notFound(o.trials());
      }
      j.finishSlice(o, scanner.name());
    }
    if (!ok) {
      scannerFailed(scanner.name() + " returned a wrong nonce");
    }
    return ok;
  }

  private void scannerFailed(String why) {
    if (healthy.decrementAndGet() == 0) {
      failure = "every scanner of engine " + name + " failed; last: " + why;
      for (SlicedJob j : active) {
        j.result.completeExceptionally(new PowException(failure));
      }
      active.clear();
    }
  }

  /** Cancels every job and stops the workers (waiting up to a second for them). */
  @Override
  public void close() {
    closed = true;
    for (SlicedJob j : active) {
      j.cancel();
    }
    active.clear();
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
    for (Thread t : workers) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    scanners.forEach(NonceScanner::close);
  }

  /** A slice a worker claimed from a job for its next pass. */
  private record Claim(SlicedJob job, ScanSlice slice) {}
}
