package dev.bitmsg.pow.opencl;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.PowException;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.TrialValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side shared by the device scanners: packs up to {@link #maxJobsPerLaunch()} slices into
 * one search launch, loops launches until every slice is found or exhausted, re-checks every device
 * answer with {@link TrialValue} on the CPU, and takes the device out of service when an answer is
 * wrong. Subclasses supply one launch ({@link #launch}) over a job table; every job's answer is the
 * smallest good offset of its range, so a slice's answer is its first good nonce in scan order on
 * every device. Launch size comes from a calibration launch that is timed and scaled. Calls are
 * serialised (synchronized); {@link #close()} may come from any thread.
 */
public abstract class LaunchingScanner implements NonceScanner {
  private static final Logger log = LoggerFactory.getLogger(LaunchingScanner.class);

  /** Marks "no good nonce in this job" in the array {@link #launch} returns. */
  protected static final long NOT_FOUND = -1;

  private static final InitialHash CALIBRATION_HASH = InitialHash.of(new byte[64]);

  private final String name;
  private final int noncesPerItem;
  private final int workGroupSize;
  private final int minGroup;
  private final int maxJobsPerLaunch;
  private volatile long launchTrials;
  private volatile @Nullable String outOfService;
  private volatile boolean closed;

  /**
   * {@code workGroupSize} is the local size of full launches; {@code minGroup} (the device's
   * preferred multiple, at most {@code workGroupSize}) the smallest local size used when a launch
   * holds so many jobs that each gets less than a full group of work.
   */
  protected LaunchingScanner(
      String name, int noncesPerItem, int workGroupSize, int minGroup, int maxJobs) {
    if (minGroup < 1 || minGroup > workGroupSize) {
      throw new IllegalArgumentException("minGroup " + minGroup + " not in 1.." + workGroupSize);
    }
    this.name = name;
    this.noncesPerItem = noncesPerItem;
    this.workGroupSize = workGroupSize;
    this.minGroup = minGroup;
    this.maxJobsPerLaunch = maxJobs;
    this.launchTrials = granule();
  }

  /**
   * Runs one search launch: {@code itemsPerJob} work-items per job (from {@link #itemsFor}, with
   * local size {@link #localSizeFor}), each testing {@link #noncesPerItem()} consecutive nonces
   * below its job's count. Returns, per job, the smallest offset whose trial value meets the
   * target, or {@link #NOT_FOUND}.
   */
  protected abstract long[] launch(List<LaunchJob> jobs, long itemsPerJob);

  /** Releases the device resources; called once. */
  protected abstract void release();

  /**
   * Trial values of nonces {@code first .. first+count-1} (modulo 2^64) computed on the device, for
   * differential tests and the start-up self-test.
   */
  public abstract long[] trialValues(InitialHash hash, long first, int count);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final long trialsPerPass() {
    return launchTrials;
  }

  public final int noncesPerItem() {
    return noncesPerItem;
  }

  public final int workGroupSize() {
    return workGroupSize;
  }

  public final int minGroup() {
    return minGroup;
  }

  /**
   * Work-items per job for a launch whose longest job has {@code count} nonces: a multiple of the
   * work-group size, or below it a power-of-two multiple of {@link #minGroup()}, so launches with
   * many small jobs stay short.
   */
  public final long itemsFor(long count) {
    long needed = ceilDiv(count, noncesPerItem);
    if (needed >= workGroupSize) {
      return ceilDiv(needed, workGroupSize) * workGroupSize;
    }
    long v = minGroup;
    while (v < needed) {
      v *= 2;
    }
    return Math.min(v, workGroupSize);
  }

  /** The local size to launch {@code items} work-items per job with (see {@link #itemsFor}). */
  public final long localSizeFor(long items) {
    return Math.min(items, workGroupSize);
  }

  public final int maxJobsPerLaunch() {
    return maxJobsPerLaunch;
  }

  /** Why the device was taken out of service, or null while it is in service. */
  public final @Nullable String outOfServiceReason() {
    return outOfService;
  }

  /** Nonces the smallest work-group covers: the unit launch sizes are rounded to. */
  private long granule() {
    return (long) noncesPerItem * minGroup;
  }

  /**
   * Times launches of a single job and scales the launch until one takes about {@code
   * targetMillis}; afterwards {@link #trialsPerPass()} is the trials of such a launch. Only full
   * work-groups are timed (some runtimes, PoCL among them, compile a kernel variant per local size
   * on first use), after an untimed warm-up launch, and each size is timed twice keeping the
   * faster, so one slow outlier does not shrink the launch.
   */
  public final synchronized void calibrate(int targetMillis) {
    long group = (long) noncesPerItem * workGroupSize;
    long limit = LaunchJob.MAX_COUNT / group * group;
    long trials = group;
    timeLaunch(trials); // warm-up
    for (int round = 0; round < 10; round++) {
      double millis = Math.min(timeLaunch(trials), timeLaunch(trials));
      launchTrials = trials;
      if (millis >= targetMillis * 0.6 && millis <= targetMillis * 1.6) {
        break;
      }
      double factor = Math.min(16.0, Math.max(1 / 16.0, targetMillis / millis));
      long next = Math.min(limit, Math.max(group, (long) (trials * factor) / group * group));
      if (next == trials) {
        break;
      }
      trials = next;
    }
    log.debug("device calibrated device={} trialsPerLaunch={}", name, launchTrials);
  }

  private double timeLaunch(long trials) {
    long t0 = System.nanoTime();
    launch(List.of(new LaunchJob(CALIBRATION_HASH, 0, 0, trials)), itemsFor(trials));
    return Math.max((System.nanoTime() - t0) / 1e6, 0.01);
  }

  private long roundToGranule(long trials) {
    return Math.max(1, trials / granule()) * granule();
  }

  @Override
  public final synchronized List<ScanOutcome> scan(List<ScanSlice> slices) {
    ensureUsable();
    int n = slices.size();
    long[] done = new long[n];
    ScanOutcome[] outcomes = new ScanOutcome[n];
    List<Integer> active = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      active.add(i);
    }
    while (!active.isEmpty()) {
      ensureUsable();
      List<Integer> batch = active.subList(0, Math.min(maxJobsPerLaunch, active.size()));
      long perJob =
          Math.min(
              LaunchJob.MAX_COUNT / granule() * granule(),
              roundToGranule(Math.max(granule(), launchTrials / batch.size())));
      List<LaunchJob> jobs = new ArrayList<>(batch.size());
      long longest = 0;
      for (int i : batch) {
        ScanSlice s = slices.get(i);
        long count = Math.min(perJob, s.count() - done[i]);
        jobs.add(new LaunchJob(s.initialHash(), s.target(), s.firstNonce() + done[i], count));
        longest = Math.max(longest, count);
      }
      long[] offsets = launch(jobs, itemsFor(longest));
      // Slices not launched yet go first, so more slices than one launch holds take turns.
      List<Integer> stillActive = new ArrayList<>(active.subList(batch.size(), active.size()));
      for (int k = 0; k < batch.size(); k++) {
        int i = batch.get(k);
        LaunchJob job = jobs.get(k);
        done[i] += job.count();
        if (offsets[k] != NOT_FOUND) {
          outcomes[i] = verified(job, offsets[k], done[i]);
        } else if (done[i] >= slices.get(i).count()) {
          outcomes[i] = ScanOutcome.notFound(done[i]);
        } else {
          stillActive.add(i);
        }
      }
      active = stillActive;
    }
    return List.of(outcomes);
  }

  /** CPU re-check of a device answer; a wrong one takes the device out of service. */
  private ScanOutcome verified(LaunchJob job, long offset, long trials) {
    if (offset < 0 || offset >= job.count()) {
      throw fail(
          String.format(
              Locale.ROOT, "reported offset %d outside its job of %d nonces", offset, job.count()));
    }
    long nonce = job.first() + offset;
    long trial = TrialValue.of(nonce, job.hash());
    if (!TrialValue.meets(trial, job.target())) {
      throw fail(
          String.format(
              Locale.ROOT,
              "reported nonce %s whose trial value %s exceeds the target %s (CPU re-check)",
              Long.toUnsignedString(nonce),
              Long.toUnsignedString(trial),
              Long.toUnsignedString(job.target())));
    }
    return ScanOutcome.found(nonce, trial, trials);
  }

  /** Takes the device out of service; the exception explains why. */
  protected final PowException fail(String why) {
    String reason = name + " " + why + "; device taken out of service";
    outOfService = reason;
    log.error("device out of service device={} reason={}", name, why);
    return new PowException(reason);
  }

  /** Throws {@link PowException} when closed or out of service. */
  protected final void ensureUsable() {
    if (closed) {
      throw new PowException(name + " is closed");
    }
    String reason = outOfService;
    if (reason != null) {
      throw new PowException(reason);
    }
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  @Override
  public final void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    release();
  }
}
