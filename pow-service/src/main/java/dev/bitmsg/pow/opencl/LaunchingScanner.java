package dev.bitmsg.pow.opencl;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.PowException;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.TrialValue;
import java.util.ArrayDeque;
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
 * every device. Launch size comes from a calibration launch that is timed and scaled, in whole
 * waves of the work-groups the device runs at once. Subclasses that can queue launches ({@link
 * #maxInFlight()} 2) get the next launch enqueued before the previous one's answers are read, so
 * the device does not wait for the host between them; a later launch of a search that an earlier
 * one solved stops at once on the device and its answers are ignored. Calls are serialised
 * (synchronized); {@link #close()} may come from any thread.
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
  private final int residentGroups;
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
    this(name, noncesPerItem, workGroupSize, minGroup, maxJobs, 1);
  }

  /**
   * As above; {@code residentGroups} is how many work-groups of {@code workGroupSize} the device
   * runs at once (compute units times groups per unit): calibrated launches hold whole multiples.
   */
  protected LaunchingScanner(
      String name,
      int noncesPerItem,
      int workGroupSize,
      int minGroup,
      int maxJobs,
      int residentGroups) {
    if (minGroup < 1 || minGroup > workGroupSize) {
      throw new IllegalArgumentException("minGroup " + minGroup + " not in 1.." + workGroupSize);
    }
    if (residentGroups < 1) {
      throw new IllegalArgumentException("residentGroups must be >= 1, got " + residentGroups);
    }
    this.name = name;
    this.noncesPerItem = noncesPerItem;
    this.workGroupSize = workGroupSize;
    this.minGroup = minGroup;
    this.maxJobsPerLaunch = maxJobs;
    this.residentGroups = residentGroups;
    this.launchTrials = granule();
  }

  /**
   * Runs one search launch: {@code itemsPerJob} work-items per job (from {@link #itemsFor}, with
   * local size {@link #localSizeFor}), each testing {@link #noncesPerItem()} consecutive nonces
   * below its job's count. Returns, per job, the smallest offset whose trial value meets the
   * target, or {@link #NOT_FOUND}.
   */
  protected abstract long[] launch(List<LaunchJob> jobs, long itemsPerJob);

  /** A launch on its way: {@link #finish()} waits for it and returns what {@link #launch} would. */
  @FunctionalInterface
  protected interface Pending {
    long[] finish();
  }

  /**
   * Enqueues one search launch without waiting for it. {@code previous[j]} is the index, in the
   * launch enqueued just before this one (still unread), of the search that job {@code j}
   * continues, or -1: a device may skip job {@code j} when that search was solved there. The
   * default runs the launch at once; subclasses with {@link #maxInFlight()} above 1 override it.
   */
  protected Pending enqueue(List<LaunchJob> jobs, long itemsPerJob, int[] previous) {
    long[] offsets = launch(jobs, itemsPerJob);
    return () -> offsets;
  }

  /** How many launches {@link #scan} keeps enqueued at once (1: no overlap). */
  protected int maxInFlight() {
    return 1;
  }

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

  /** A pass holds one launch per launch in flight, so the device stays busy within it. */
  @Override
  public final long trialsPerPass() {
    return launchTrials * maxInFlight();
  }

  /** Trials of one calibrated launch. */
  public final long trialsPerLaunch() {
    return launchTrials;
  }

  /** Work-groups the device runs at once; calibrated launches are whole multiples of them. */
  public final int residentGroups() {
    return residentGroups;
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
   * targetMillis}; afterwards {@link #trialsPerLaunch()} is the trials of such a launch, a whole
   * number of waves ({@link #residentGroups()} full work-groups). Only full work-groups are timed
   * (some runtimes, PoCL among them, compile a kernel variant per local size on first use), after
   * an untimed warm-up launch, and each size is timed twice keeping the faster, so one slow outlier
   * does not shrink the launch.
   */
  public final synchronized void calibrate(int targetMillis) {
    long group = (long) noncesPerItem * workGroupSize * residentGroups;
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

  /**
   * Scans the slices in launches of up to {@link #maxJobsPerLaunch()} slices each, keeping up to
   * {@link #maxInFlight()} launches enqueued: the next one continues every unfinished slice from
   * where the previous one stopped, before the previous one's answers are known. Answers are read
   * in launch order, so a slice's answer is still its first good nonce, and later launches of a
   * solved slice are discarded. Slices not launched yet go first, so more slices than one launch
   * holds take turns.
   */
  @Override
  public final synchronized List<ScanOutcome> scan(List<ScanSlice> slices) {
    ensureUsable();
    int n = slices.size();
    long[] issued = new long[n];
    long[] done = new long[n];
    ScanOutcome[] outcomes = new ScanOutcome[n];
    List<Integer> rotation = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rotation.add(i);
    }
    ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    while (true) {
      while (inFlight.size() < maxInFlight()) {
        InFlight next = enqueueNext(slices, issued, outcomes, rotation, inFlight.peekLast());
        if (next == null) {
          break;
        }
        inFlight.addLast(next);
      }
      InFlight oldest = inFlight.pollFirst();
      if (oldest == null) {
        break;
      }
      long[] offsets = oldest.pending().finish();
      ensureUsable();
      for (int k = 0; k < oldest.slices().size(); k++) {
        int i = oldest.slices().get(k);
        if (outcomes[i] != null) {
          continue; // solved by an earlier launch: these later nonces do not count
        }
        LaunchJob job = oldest.jobs().get(k);
        done[i] += job.count();
        if (offsets[k] != NOT_FOUND) {
          outcomes[i] = verified(job, offsets[k], done[i]);
        } else if (done[i] >= slices.get(i).count()) {
          outcomes[i] = ScanOutcome.notFound(done[i]);
        }
      }
    }
    return List.of(outcomes);
  }

  /** One enqueued launch: which slice each job continues, the jobs, and the launch. */
  private record InFlight(List<Integer> slices, List<LaunchJob> jobs, Pending pending) {}

  /**
   * Enqueues the next launch over the unfinished slices with nonces left to issue (taken from the
   * front of {@code rotation}, which then moves them to its end), or returns null when there are
   * none.
   */
  private @Nullable InFlight enqueueNext(
      List<ScanSlice> slices,
      long[] issued,
      ScanOutcome[] outcomes,
      List<Integer> rotation,
      @Nullable InFlight previous) {
    List<Integer> batch = new ArrayList<>();
    for (int i : rotation) {
      if (outcomes[i] == null && issued[i] < slices.get(i).count()) {
        batch.add(i);
        if (batch.size() == maxJobsPerLaunch) {
          break;
        }
      }
    }
    if (batch.isEmpty()) {
      return null;
    }
    rotation.removeAll(batch);
    rotation.addAll(batch);
    long perJob =
        Math.min(
            LaunchJob.MAX_COUNT / granule() * granule(),
            roundToGranule(Math.max(granule(), launchTrials / batch.size())));
    int[] prev = new int[batch.size()];
    List<LaunchJob> jobs = new ArrayList<>(batch.size());
    long longest = 0;
    for (int k = 0; k < batch.size(); k++) {
      int i = batch.get(k);
      ScanSlice s = slices.get(i);
      long count = Math.min(perJob, s.count() - issued[i]);
      jobs.add(new LaunchJob(s.initialHash(), s.target(), s.firstNonce() + issued[i], count));
      issued[i] += count;
      longest = Math.max(longest, count);
      prev[k] = previous == null ? -1 : previous.slices().indexOf(i);
    }
    return new InFlight(List.copyOf(batch), jobs, enqueue(jobs, itemsFor(longest), prev));
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
