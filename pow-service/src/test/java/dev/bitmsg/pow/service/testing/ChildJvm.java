package dev.bitmsg.pow.service.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class of the test class path in a child JVM (same Java) and returns what it printed, for
 * tests whose subject lives per process (native libraries, heap settings). Fails the test when the
 * child does not end within two minutes or ends with a status other than 0. Stateless.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * Runs {@code main} with {@code jvmOptions}, the extra environment {@code env} and {@code args};
   * its output (stdout and stderr) goes through a file in {@code work}.
   */
  public static String run(
      Path work, List<String> jvmOptions, Map<String, String> env, Class<?> main, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Path out = work.resolve("child.txt");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertTrue(done, "child JVM did not finish: " + text);
    assertEquals(0, p.exitValue(), text);
    return text;
  }
}
