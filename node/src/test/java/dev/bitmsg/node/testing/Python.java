package dev.bitmsg.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code /usr/bin/python3} for the tests that drive the node from Python (the API checks,
 * the events client). A test that needs it, or one of its modules, fails when it is missing, never
 * skips: {@code ./bm test} installs {@code python3-grpcio} (and with it python3).
 */
public final class Python {
  public static final Path PYTHON = Path.of("/usr/bin/python3");

  private Python() {}

  /** Fails unless {@link #PYTHON} runs and imports every module in {@code modules}. */
  public static void require(String... modules) throws IOException, InterruptedException {
    assertTrue(
        Files.isExecutable(PYTHON),
        "this test needs " + PYTHON + " (Debian package python3, installed by ./bm test)");
    for (String m : modules) {
      Process p =
          new ProcessBuilder(PYTHON.toString(), "-c", "import " + m)
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 -c 'import " + m + "' did not exit");
      assertEquals(
          0,
          p.exitValue(),
          "this test needs the Python module " + m + " (installed by ./bm test):\n" + out);
    }
  }

  /** Runs {@code script} with {@code args}; fails unless it exits 0 within 60 s. Its output. */
  public static String run(Path script, String... args) throws IOException, InterruptedException {
    require();
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not exit");
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    return text;
  }
}
