package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.CpuKernelChoice;
import dev.bitmsg.pow.CpuPowEngine;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowHandle;
import dev.bitmsg.pow.PowJob;
import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.SlicedPowEngine;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@link FirstSolveBench}: what a freshly started process does for its first
 * PoW. It creates the default CPU engine (kernel choice from the cache, warm-up in the background),
 * solves {@link #JOB} at once and prints {@code solved ...}, then works on a hopeless job and
 * prints {@code trials N} about every {@link #REPORT_MS} ms for the given seconds, so the parent
 * sees when the engine reaches its full rate. Not a user command.
 */
public final class FirstSolveProbe {
  /** Text whose initial hash the job uses; its first solution from nonce 0 is nonce 1,030,858. */
  static final String JOB_TEXT = "bm bench first-solve 2";

  /** Target 2^44: 2^20 expected trials, a small object's PoW. */
  static final long JOB_TARGET = 1L << 44;

  static final PowJob JOB =
      new PowJob(
          InitialHash.ofObjectWithoutNonce(JOB_TEXT.getBytes(StandardCharsets.US_ASCII)),
          JOB_TARGET,
          0);

  static final long REPORT_MS = 50;

  private FirstSolveProbe() {}

  /** Arguments: threads (0 = all cores), seconds of the full-rate phase. */
  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    double seconds = Double.parseDouble(args[1]);
    PrintStream out = System.out;
    try (SlicedPowEngine engine = CpuPowEngine.create(threads)) {
      PowSolution s = engine.submit(JOB).result().get(10, TimeUnit.MINUTES);
      out.println("solved " + Long.toUnsignedString(s.nonce()) + " " + s.engine());
      out.flush();
      PowHandle h =
          engine.submit(PowJob.randomStart(InitialHash.ofObjectWithoutNonce(new byte[] {7}), 1));
      long end = System.nanoTime() + (long) (seconds * 1e9);
      while (System.nanoTime() < end) {
        Thread.sleep(REPORT_MS);
        out.println("trials " + h.progress().trials() + " " + CpuPowEngine.activeKernel().label());
        out.flush();
      }
      h.cancel();
      CpuKernelChoice c = CpuKernelChoice.get();
      out.println("choice " + c.kernel().label() + " " + c.source());
    }
  }
}
