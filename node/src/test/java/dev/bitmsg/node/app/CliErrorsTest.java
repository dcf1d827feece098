package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every configuration mistake of {@code bm node} is one line on stderr naming the key (and the file
 * line or variable it came from) with exit status 2, never a stack trace.
 */
class CliErrorsTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new NodeMain());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = CliSettings.execute(cl, args, env);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run node(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "node";
    all[1] = "--data";
    all[2] = dir.resolve("data").toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return run(env, all);
  }

  private Path file(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  /** Exit 2 and exactly one line that contains every {@code expected} text. */
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
  void malformedFileValues_nameTheKeyAndLine() throws Exception {
    Path conf = file("a.conf", "# comment\nmax-outbound = many\n");
    oneLine(node(Map.of(), "--config", conf.toString()), "--max-outbound", "a.conf:2", "many");
    Path events = file("b.conf", "api = 127.0.0.1:0\nevents = 127.0.0.1:84x7   # push\n");
    oneLine(node(Map.of(), "--config", events.toString()), "--events", "b.conf:2", "HOST:PORT");
  }

  @Test
  void unknownKeysAndBadLines_nameTheLine() throws Exception {
    oneLine(
        node(
            Map.of(),
            "--config",
            file("c.conf", "api = 127.0.0.1:0\nmax-outbund = 3\n").toString()),
        "c.conf:2",
        "unknown key max-outbund",
        "max-outbound");
    oneLine(
        node(Map.of(), "--config", file("d.conf", "listen 127.0.0.1:8444\n").toString()),
        "d.conf:1",
        "key = value");
    oneLine(
        node(Map.of(), "--config", file("e.conf", "[node]\n").toString()), "e.conf:1", "sections");
    oneLine(
        node(Map.of(), "--config", file("f.conf", "api-user = a\napi-user = b\n").toString()),
        "f.conf:2",
        "twice");
  }

  @Test
  void missingAndUnreadableFiles_areOneLine() throws Exception {
    oneLine(node(Map.of(), "--config", dir.resolve("none.conf").toString()), "none.conf");
    oneLine(node(Map.of("BM_CONFIG", dir.resolve("none2.conf").toString())), "none2.conf", "exist");
    oneLine(
        node(
            Map.of(),
            "--api",
            "127.0.0.1:0",
            "--api-password-file",
            dir.resolve("no-password").toString()),
        "api-password-file",
        "no-password");
    oneLine(
        node(Map.of(), "--api", "127.0.0.1:0", "--api-password-file", dir.toString()),
        "api-password-file",
        "cannot read");
    oneLine(
        node(Map.of(), "--key-passphrase-file", file("empty", "").toString()),
        "key-passphrase-file",
        "empty");
  }

  @Test
  void badFlagsAndEnvironment_nameTheOption() {
    oneLine(node(Map.of(), "--max-inbound", "x"), "--max-inbound", "'x'");
    oneLine(node(Map.of(), "--listen", "8444"), "--listen", "HOST:PORT");
    oneLine(node(Map.of(), "--connect", "127.0.0.1:99999"), "--connect", "65535");
    oneLine(node(Map.of(), "--no-such-flag"), "--no-such-flag");
    Map<String, String> env = new HashMap<>();
    env.put("BM_METRICS", "localhost");
    oneLine(node(env), "--metrics", "BM_METRICS");
    oneLine(node(Map.of(), "--ack-stealth-level", "7"), "ack-stealth-level");
  }

  @Test
  void commentAfterAValue_isNotPartOfIt() throws Exception {
    Path conf = file("g.conf", "max-outbound = 3    # three\napi-user = a#b\n");
    NodeCommand c = NodeCommandParser.parse(Map.of("BM_CONFIG", conf.toString()));
    assertEquals(3, c.maxOutbound);
    assertEquals("a#b", c.apiUser, "a # inside a value stays");
  }

  @Test
  void version_printsVersionCommitAndJdk() {
    for (String[] args : new String[][] {{"--version"}, {"node", "--version"}}) {
      Run r = run(Map.of(), args);
      assertEquals(0, r.exit());
      String[] lines = r.out().strip().split("\n", -1);
      assertEquals(3, lines.length, r.out());
      assertTrue(lines[0].matches("bitmsg node \\S+"), lines[0]);
      assertTrue(lines[1].matches("commit ([0-9a-f]{7,40}|unknown)"), lines[1]);
      assertTrue(lines[2].startsWith("JDK " + Runtime.version().feature()), lines[2]);
    }
  }
}
