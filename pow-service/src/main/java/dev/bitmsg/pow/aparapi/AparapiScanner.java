package dev.bitmsg.pow.aparapi;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.opencl.JoclSettings;
import dev.bitmsg.pow.opencl.LaunchJob;
import dev.bitmsg.pow.opencl.LaunchingScanner;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Aparapi {@link dev.bitmsg.pow.NonceScanner} of one OpenCL device: runs {@link PowKernel}
 * through Aparapi, which translates it to OpenCL on first use. Aparapi silently falls back to a
 * Java thread pool when translation or the OpenCL build fails; every launch checks for that and
 * takes the scanner out of service instead of reporting CPU work as a GPU engine. Serialised like
 * {@link LaunchingScanner}.
 */
public final class AparapiScanner extends LaunchingScanner {
  private static final Logger log = LoggerFactory.getLogger(AparapiScanner.class);
  static final int MAX_TRIAL_VALUES = 1 << 16;

  /** Aparapi does not expose the preferred multiple; 32 suits NVIDIA warps and CPU vectors. */
  private static final int MIN_GROUP = 32;

  private final OpenCLDevice device;
  private final PowKernel kernel;

  /** Test seam: runs after each search launch, before its results are read. */
  private volatile Consumer<PowKernel> afterSearch = k -> {};

  private AparapiScanner(OpenCLDevice device, String label, JoclSettings settings, int wg) {
    super(
        "aparapi:" + label,
        settings.noncesPerItem(),
        wg,
        Math.min(wg, MIN_GROUP),
        settings.maxJobsPerLaunch());
    this.device = device;
    this.kernel =
        new PowKernel(settings.maxJobsPerLaunch(), settings.noncesPerItem(), MAX_TRIAL_VALUES);
    // No explicit put/get: Aparapi's OpenCL buffers wrap the Java arrays' addresses
    // (CL_MEM_USE_HOST_PTR), and only execute() pins the arrays and rebuilds a buffer whose
    // array the collector moved. An explicit put or get after such a move reads or writes the
    // array's old place in the heap (wrong answers, then a crash in the collector). So every
    // transfer happens inside execute(), while the arrays are pinned.
  }

  /** A scanner on {@code device}; the kernel is translated and built on its first launch. */
  public static AparapiScanner open(OpenCLDevice device, String label, JoclSettings settings) {
    int wg =
        settings.workGroupSize() > 0
            ? settings.workGroupSize()
            : Math.max(1, Math.min(256, device.getMaxWorkGroupSize()));
    return new AparapiScanner(device, label, settings, wg);
  }

  @Override
  protected long[] launch(List<LaunchJob> jobs, long itemsPerJob) {
    int n = jobs.size();
    long[] offsets = launchOnce(jobs, itemsPerJob);
    for (int j = 0; j < n; j++) {
      // More hits than slots: the smallest may be unrecorded, but it is at most the smallest
      // recorded one, so rescan the job up to there until the hits fit.
      while (offsets[j] < -1) {
        LaunchJob job = jobs.get(j);
        long bound = -offsets[j] - 2;
        LaunchJob narrowed = new LaunchJob(job.hash(), job.target(), job.first(), bound + 1);
        offsets[j] = launchOnce(List.of(narrowed), itemsFor(bound + 1))[0];
      }
    }
    return offsets;
  }

  /**
   * One launch. Per job: the smallest good offset, {@link #NOT_FOUND}, or {@code -(m + 2)} when
   * hits overflowed the slots and {@code m} is the smallest recorded offset.
   */
  private long[] launchOnce(List<LaunchJob> jobs, long itemsPerJob) {
    int n = jobs.size();
    if (itemsPerJob > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many work-items for Aparapi: " + itemsPerJob);
    }
    for (int j = 0; j < n; j++) {
      LaunchJob job = jobs.get(j);
      int base = j * PowKernel.JOB_WORDS;
      for (int w = 0; w < 8; w++) {
        kernel.jobs[base + w] = job.hash().word(w);
      }
      kernel.jobs[base + 8] = job.target();
      kernel.jobs[base + 9] = job.first();
      kernel.jobs[base + 10] = job.count();
      kernel.hits[j] = 0;
    }
    kernel.mode = PowKernel.SEARCH;
    searchLaunch(n, itemsPerJob);
    int bad = implausibleHitCount(n, itemsPerJob);
    if (bad >= 0) {
      throw fail("reported an implausible hit count " + kernel.hits[bad]);
    }
    long[] offsets = new long[n];
    for (int j = 0; j < n; j++) {
      int hits = kernel.hits[j];
      long min = Long.MAX_VALUE;
      for (int s = 0; s < Math.min(hits, PowKernel.HIT_SLOTS); s++) {
        min = Math.min(min, Integer.toUnsignedLong(kernel.hitOffsets[j * PowKernel.HIT_SLOTS + s]));
      }
      if (hits == 0) {
        offsets[j] = NOT_FOUND;
      } else if (min >= jobs.get(j).count()) {
        throw fail(
            "reported offset " + min + " outside its job of " + jobs.get(j).count() + " nonces");
      } else {
        offsets[j] = hits <= PowKernel.HIT_SLOTS ? min : -min - 2;
      }
    }
    return offsets;
  }

  private void searchLaunch(int jobCount, long itemsPerJob) {
    execute(device.createRange2D((int) itemsPerJob, jobCount, (int) localSizeFor(itemsPerJob), 1));
    afterSearch.accept(kernel);
  }

  /** The first job whose hit count cannot be (negative, or above one per work-item), or -1. */
  private int implausibleHitCount(int jobCount, long itemsPerJob) {
    for (int j = 0; j < jobCount; j++) {
      if (kernel.hits[j] < 0 || kernel.hits[j] > itemsPerJob) {
        return j;
      }
    }
    return -1;
  }

  /** Trial values of nonces {@code first .. first+count-1} (mod 2^64) computed on the device. */
  @Override
  public synchronized long[] trialValues(InitialHash hash, long first, int count) {
    if (count < 1 || count > MAX_TRIAL_VALUES) {
      throw new IllegalArgumentException("count must be 1.." + MAX_TRIAL_VALUES + ": " + count);
    }
    ensureUsable();
    for (int w = 0; w < 8; w++) {
      kernel.jobs[w] = hash.word(w);
    }
    kernel.mode = PowKernel.TRIALS;
    kernel.trialFirst = first;
    kernel.trialCount = count;
    int wg = workGroupSize();
    execute(device.createRange((count + wg - 1) / wg * wg, wg));
    long[] out = new long[count];
    System.arraycopy(kernel.trialOut, 0, out, 0, count);
    return out;
  }

  /** For tests: fakes a faulty device by editing the kernel's outputs after each search. */
  void afterSearchForTest(Consumer<PowKernel> hook) {
    afterSearch = hook;
  }

  /** For tests: forces Aparapi's Java thread pool, which the scanner must refuse to use. */
  @SuppressWarnings("deprecation")
  void forceJavaThreadPoolForTest() {
    kernel.setExecutionMode(Kernel.EXECUTION_MODE.JTP);
  }

  private void execute(Range range) {
    try {
      kernel.execute(range);
    } catch (RuntimeException | AssertionError e) {
      throw fail("failed an Aparapi launch: " + e);
    }
    if (!kernel.isRunningCL()) {
      throw fail(
          "fell back from OpenCL to "
              + kernel.getExecutionMode()
              + " (Java threads): Aparapi could not translate or build the kernel");
    }
  }

  @Override
  protected void release() {
    kernel.dispose();
  }
}
