package dev.bitmsg.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child process of a test whose merged stdout and stderr are collected line by line, with bounded
 * waits for a line and a stop that sends SIGTERM, then SIGKILL. Thread-safe.
 */
final class Launched implements AutoCloseable {
  private final String name;
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private boolean
      ended; // the output reached its end: every writer (child, grandchildren) closed it

  private Launched(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread reader = new Thread(this::pump, name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code command} with stderr merged into stdout. */
  static Launched start(String name, ProcessBuilder command) throws IOException {
    command.redirectErrorStream(true);
    return new Launched(name, command.start());
  }

  private void pump() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // the process went away; what was read stays
    }
    synchronized (this) {
      ended = true;
      notifyAll();
    }
  }

  /**
   * Waits (at most {@code limit}) for a line matching {@code pattern}; fails with the output so far
   * if none comes or the process exits first.
   */
  synchronized Matcher awaitLine(Pattern pattern, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    int seen = 0;
    while (true) {
      for (; seen < lines.size(); seen++) {
        Matcher m = pattern.matcher(lines.get(seen));
        if (m.find()) {
          return m;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || (ended && seen == lines.size())) {
        throw new AssertionError(
            name
                + ": no line matching /"
                + pattern
                + "/ within "
                + limit
                + (process.isAlive() ? "" : " (exited with " + process.exitValue() + ")")
                + "; output:\n"
                + output());
      }
      wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 500)));
    }
  }

  synchronized String output() {
    return String.join("\n", lines);
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  Process process() {
    return process;
  }

  /** Waits (at most {@code limit}) for the process to exit by itself; its exit code if it did. */
  Optional<Integer> awaitExit(Duration limit) throws InterruptedException {
    if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      return Optional.of(process.exitValue());
    }
    return Optional.empty();
  }

  /**
   * SIGTERM, then waits (at most {@code limit}) for the exit; SIGKILL if it has not exited by then.
   *
   * @return the exit code after SIGTERM, or empty if SIGKILL was needed
   */
  Optional<Integer> stop(Duration limit) throws InterruptedException {
    // Through the handle: Process.destroy() would also close the output pipe, losing the last
    // lines (and killing a filter between the program and the pipe with SIGPIPE).
    process.toHandle().destroy();
    Optional<Integer> code = awaitExit(limit);
    if (code.isEmpty()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    return code;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        stop(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
