package dev.bitmsg.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The system tools the shipping tests drive (systemd-analyze, promtool, prometheus, podman): found
 * on the PATH or the test fails saying which package to install ({@code ./bm test} installs them);
 * never skipped. Stateless.
 */
final class Tools {
  private Tools() {}

  /**
   * The absolute path of {@code name} on the PATH; fails naming {@code debianPackage} if absent.
   */
  static Path require(String name, String debianPackage) {
    for (String d :
        System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator, -1)) {
      Path p = Path.of(d.isEmpty() ? "." : d, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError(
        name + " is not installed: apt-get install " + debianPackage + " (./bm test installs it)");
  }

  /** Output (stdout and stderr merged) and exit code of a finished command. */
  record Result(int code, String output) {}

  /** Runs {@code command} to its end (at most {@code seconds}); fails if it does not finish. */
  static Result run(long seconds, List<String> command) throws IOException, InterruptedException {
    return run(seconds, new ProcessBuilder(command));
  }

  static Result run(long seconds, ProcessBuilder command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("bitmsg-tool", ".out");
    try {
      Process p = command.redirectErrorStream(true).redirectOutput(out.toFile()).start();
      boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      assertTrue(
          done,
          String.join(" ", command.command()) + " did not finish in " + seconds + " s:\n" + text);
      return new Result(p.exitValue(), text);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
