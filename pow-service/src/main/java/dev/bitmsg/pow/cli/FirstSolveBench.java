package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.CpuKernelChoice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code first_solve_ms} of {@code bm bench pow}: starts a fresh child JVM (same Java, JVM options
 * and class path as this one; the kernel choice is then read from the cache this process wrote)
 * running {@link FirstSolveProbe}, and measures from the start request to the line saying the child
 * solved {@link FirstSolveProbe#JOB} (2^20 expected trials; its first solution from nonce 0 is
 * nonce 1,030,858). It also reports from when on the child's engine ran at 90 % of {@code
 * fullRate}: the first window of at least {@link #WINDOW_MS} between two of its reports (every
 * {@link FirstSolveProbe#REPORT_MS}) with that rate, its start ({@code full_rate_ms}) and its end,
 * when the rate was confirmed ({@code full_rate_confirmed_ms}); null when not within the run. Not
 * thread-safe.
 */
final class FirstSolveBench {
  static final long WINDOW_MS = 200;
  private static final double FULL = 0.9;

  /** The figures, or why there are none. */
  record Result(
      long firstSolveMs,
      @Nullable Long fullRateMs,
      @Nullable Long fullRateConfirmedMs,
      @Nullable Long kernelSwitchMs,
      String engine,
      String kernelAtEnd,
      String choiceSource,
      @Nullable String failure) {
    static Result failed(String why) {
      return new Result(-1, null, null, null, "", "", "", why);
    }
  }

  private FirstSolveBench() {}

  /**
   * Runs the child with {@code threads} (0 = all cores) for up to {@code seconds} after its first
   * solve; {@code fullRate} is the engine's rate measured in this run (trials per second).
   */
  static Result run(int threads, double seconds, double fullRate) throws InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    // Set in this process (by --cpu-kernel, or by a test), not on its command line.
    for (String property : List.of(CpuKernelChoice.PROPERTY, CpuKernelChoice.CACHE_DIR_PROPERTY)) {
      String value = System.getProperty(property);
      if (value != null) {
        cmd.add("-D" + property + "=" + value);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(FirstSolveProbe.class.getName());
    cmd.add(Integer.toString(threads));
    cmd.add(Double.toString(seconds));
    long t0 = System.nanoTime();
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return Result.failed("could not start a child JVM: " + e.getMessage());
    }
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      long solvedMs = -1;
      String engine = "";
      Long switchMs = null;
      String kernel = "";
      String source = "";
      List<long[]> reports = new ArrayList<>(); // {nanoTime, trials}, oldest first
      String line;
      while ((line = r.readLine()) != null) {
        long now = System.nanoTime();
        String[] f = line.split(" ", -1);
        if (f[0].equals("solved") && f.length >= 3) {
          solvedMs = (now - t0) / 1_000_000;
          engine = f[2];
        } else if (f[0].equals("trials") && f.length >= 3) {
          long trials = Long.parseLong(f[1]);
          kernel = f[2];
          if (switchMs == null && !kernel.equals("digest")) {
            switchMs = (now - t0) / 1_000_000;
          }
          reports.add(new long[] {now, trials});
        } else if (f[0].equals("choice") && f.length >= 3) {
          source = f[2].toLowerCase(Locale.ROOT);
        }
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Result.failed("the child JVM did not exit");
      }
      if (p.exitValue() != 0 || solvedMs < 0) {
        return Result.failed("the child JVM exited with status " + p.exitValue());
      }
      long[] full = fullRateWindow(reports, fullRate);
      return new Result(
          solvedMs,
          full == null ? null : (full[0] - t0) / 1_000_000,
          full == null ? null : (full[1] - t0) / 1_000_000,
          switchMs,
          engine,
          kernel,
          source,
          null);
    } catch (IOException | NumberFormatException e) {
      p.destroyForcibly();
      return Result.failed("reading the child JVM failed: " + e.getMessage());
    }
  }

  /**
   * The first window of at least {@link #WINDOW_MS} between two reports over which the engine ran
   * at {@link #FULL} of {@code fullRate}, as {start, end} in nanoTime; null when there is none.
   */
  private static long @Nullable [] fullRateWindow(List<long[]> reports, double fullRate) {
    int end = 0;
    for (int start = 0; start < reports.size(); start++) {
      long[] from = reports.get(start);
      while (end < reports.size() && reports.get(end)[0] - from[0] < WINDOW_MS * 1_000_000) {
        end++;
      }
      if (end == reports.size()) {
        return null;
      }
      long[] to = reports.get(end);
      if ((to[1] - from[1]) * 1e9 / (to[0] - from[0]) >= FULL * fullRate) {
        return new long[] {from[0], to[0]};
      }
    }
    return null;
  }
}
