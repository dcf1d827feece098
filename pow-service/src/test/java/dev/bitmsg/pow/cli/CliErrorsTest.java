package dev.bitmsg.pow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.PowRules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every configuration mistake of {@code bm pow-service} is one line naming the option (and the file
 * line or variable it came from) with exit status 2, never a stack trace; the example config and
 * the README snippets load.
 */
class CliErrorsTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  /** Runs the PoW commands as {@code PowMain} does, capturing what they print. */
  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
      CommandLine cl = PowMain.commandLine(PowRules.NETWORK);
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      exit = CliSettings.execute(cl, args, env);
    } finally {
      System.setErr(oldErr);
    }
    return new Run(exit, out.toString(), err + sysErr.toString(StandardCharsets.UTF_8));
  }

  private Path file(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private static void oneLine(Run r, String... expected) {
    assertEquals(2, r.exit(), "exit status; stderr: " + r.err());
    String err = r.err().strip();
    assertFalse(err.isEmpty(), "an error line");
    assertFalse(err.contains("\n"), "one line only: " + r.err());
    assertFalse(err.contains("Exception"), "no exception names: " + err);
    for (String e : expected) {
      assertTrue(err.contains(e), "'" + e + "' in: " + err);
    }
  }

  @Test
  void configFileMistakes_nameTheKeyAndLine() throws Exception {
    oneLine(
        run(
            Map.of(),
            "pow-service",
            "--config",
            file("a.conf", "max-job-seconds = soon\n").toString()),
        "--max-job-seconds",
        "a.conf:1");
    oneLine(
        run(
            Map.of(),
            "pow-service",
            "--config",
            file("b.conf", "\nlisten = 127.0.0.1\n").toString()),
        "--listen",
        "b.conf:2",
        "HOST:PORT");
    oneLine(
        run(Map.of(), "pow-service", "--config", file("c.conf", "engins = cpu\n").toString()),
        "c.conf:1",
        "unknown key engins",
        "did you mean");
    oneLine(
        run(Map.of("BM_CONFIG", dir.resolve("none.conf").toString()), "pow-service"), "none.conf");
  }

  @Test
  void badFlagsAndEnvironment_nameTheOption() {
    oneLine(run(Map.of(), "pow-service", "--max-expected-trials", "lots"), "--max-expected-trials");
    oneLine(run(Map.of(), "pow-service", "--metrics", "127.0.0.1:70000"), "--metrics", "65535");
    oneLine(run(Map.of("BM_LISTEN", "nowhere"), "pow-service"), "--listen", "BM_LISTEN");
    oneLine(
        run(Map.of(), "pow-service", "--tokens", dir.resolve("no-tokens").toString()),
        "tokens",
        "no-tokens");
    oneLine(
        run(Map.of(), "pow-service", "--metrics", "127.0.0.1:0", "--metrics-port", "0"),
        "--metrics");
    oneLine(run(Map.of(), "pow-service", "--tls-cert", "/etc/hostname"), "tls-cert", "tls-key");
    oneLine(run(Map.of(), "pow-service", "--listen", "0.0.0.0:0"), "tokens");
    oneLine(run(Map.of(), "pow-service", "--bogus"), "--bogus");
  }

  @Test
  void version_printsVersionCommitAndJdk() {
    for (String[] args : new String[][] {{"--version"}, {"pow-service", "--version"}}) {
      Run r = run(Map.of(), args);
      assertEquals(0, r.exit());
      String[] lines = r.out().strip().split("\n", -1);
      assertEquals(3, lines.length, r.out());
      assertTrue(lines[0].matches("bitmsg pow-service \\S+"), lines[0]);
      assertTrue(lines[1].matches("commit ([0-9a-f]{7,40}|unknown)"), lines[1]);
      assertTrue(lines[2].startsWith("JDK " + Runtime.version().feature()), lines[2]);
    }
  }

  @Test
  void exampleConfigAndReadmeSnippets_load() throws Exception {
    Path repo =
        Path.of(System.getProperty("bitmsg.vectors", "docs/vectors"))
            .toAbsolutePath()
            .resolve("../..")
            .normalize();
    List<Path> configs = new ArrayList<>();
    configs.add(repo.resolve("deploy/pow-service.conf.example"));
    int n = 0;
    for (String readme : List.of("README.md", "deploy/README.md")) {
      for (String s : snippets(repo.resolve(readme))) {
        configs.add(file("snippet-" + n++ + ".conf", s));
      }
    }
    assertTrue(n >= 1, "the READMEs show a pow-service config");
    for (Path config : configs) {
      String[] args = {"pow-service", "--config", config.toString()};
      CommandLine cl = PowMain.commandLine(PowRules.NETWORK);
      ConfigDefaults defaults = CliSettings.configure(cl, args, Map.of());
      CommandLine.ParseResult parsed = cl.parseArgs(args);
      CliSettings.checkAddresses(parsed, defaults);
      PowServiceCommand c = (PowServiceCommand) parsed.subcommand().commandSpec().userObject();
      assertFalse(c.engines.isEmpty(), config.toString());
    }
  }

  private static List<String> snippets(Path markdown) throws Exception {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
      if (current == null && line.strip().equals("```properties")) {
        current = new StringBuilder();
      } else if (current != null && line.strip().equals("```")) {
        if (current.toString().startsWith("# pow-service.conf")) {
          blocks.add(current.toString());
        }
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return blocks;
  }
}
