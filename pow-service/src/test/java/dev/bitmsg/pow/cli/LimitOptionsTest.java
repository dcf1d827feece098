package dev.bitmsg.pow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.service.ConnectionLimits;
import dev.bitmsg.pow.service.JobRetention;
import dev.bitmsg.pow.service.PowServiceConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every service limit is a flag, a {@code BM_*} variable and a config key, with the documented
 * default; a bad value is one line naming it.
 */
class LimitOptionsTest {
  private static final Duration GRACE = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static PowServiceConfig.Limits limits(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "pow-service";
    System.arraycopy(args, 0, all, 1, args.length);
    CommandLine cl = PowMain.commandLine(PowRules.NETWORK);
    CliSettings.configure(cl, all, env);
    CommandLine.ParseResult parsed = cl.parseArgs(all);
    PowServiceCommand c = (PowServiceCommand) parsed.subcommand().commandSpec().userObject();
    return c.limits.limits(GRACE);
  }

  @Test
  void defaults_areTheDocumentedOnes() {
    PowServiceConfig.Limits l = limits(Map.of());
    assertEquals(PowServiceConfig.Limits.defaults(), l);
    assertEquals(1000, l.maxQueuedJobs());
    assertEquals(new JobRetention(Duration.ofMinutes(10), 1000, 64L << 20), l.retention());
    assertEquals(
        new ConnectionLimits(
            100,
            Duration.ofSeconds(5),
            true,
            Duration.ofMinutes(10),
            Duration.ofMinutes(10),
            Duration.ofSeconds(60)),
        l.connections());
  }

  @Test
  void flags_setEveryLimit() {
    PowServiceConfig.Limits l =
        limits(
            Map.of(),
            "--max-queued-jobs",
            "7",
            "--retain-seconds",
            "8",
            "--retain-jobs",
            "9",
            "--retain-bytes",
            "10",
            "--max-calls-per-connection",
            "11",
            "--permit-keepalive-seconds",
            "12",
            "--permit-keepalive-without-calls",
            "false",
            "--max-connection-age-seconds",
            "0",
            "--max-connection-age-grace-seconds",
            "14",
            "--keepalive-seconds",
            "15");
    assertEquals(7, l.maxQueuedJobs());
    assertEquals(new JobRetention(Duration.ofSeconds(8), 9, 10), l.retention());
    assertEquals(
        new ConnectionLimits(
            11,
            Duration.ofSeconds(12),
            false,
            Duration.ZERO,
            Duration.ofSeconds(14),
            Duration.ofSeconds(15)),
        l.connections());
  }

  @Test
  void configKeysAndEnvironment_setThemToo() throws Exception {
    Path conf = dir.resolve("pow.conf");
    Files.writeString(
        conf,
        "max-queued-jobs = 3\nretain-jobs = 4\npermit-keepalive-without-calls = false\n",
        StandardCharsets.UTF_8);
    PowServiceConfig.Limits l =
        limits(Map.of("BM_MAX_CALLS_PER_CONNECTION", "5"), "--config", conf.toString());
    assertEquals(3, l.maxQueuedJobs());
    assertEquals(4, l.retention().maxJobs());
    assertEquals(5, l.connections().maxCallsPerConnection());
    assertEquals(false, l.connections().permitKeepAliveWithoutCalls());
  }

  @Test
  void badValues_oneLineNamingTheKey() {
    String[][] cases = {
      {"--max-queued-jobs", "0", "max-queued-jobs"},
      {"--retain-jobs", "-1", "retain-jobs"},
      {"--max-calls-per-connection", "0", "max-calls-per-connection"},
      {"--permit-keepalive-seconds", "0", "permit-keepalive-seconds"},
      {"--keepalive-seconds", "99999999999999", "keepalive-seconds"},
      {"--max-connection-age-seconds", "-5", "max-connection-age-seconds"},
      {"--retain-bytes", "lots", "--retain-bytes"},
    };
    PrintStream oldErr = System.err;
    for (String[] c : cases) {
      StringWriter err = new StringWriter();
      ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
      int exit;
      try {
        System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
        CommandLine cl = PowMain.commandLine(PowRules.NETWORK);
        cl.setErr(new PrintWriter(err, true));
        exit = CliSettings.execute(cl, new String[] {"pow-service", c[0], c[1]}, Map.of());
      } finally {
        System.setErr(oldErr);
      }
      String line = (err + sysErr.toString(StandardCharsets.UTF_8)).strip();
      assertEquals(2, exit, c[0] + ": " + line);
      assertTrue(line.contains(c[2]) && !line.contains("\n"), c[0] + ": " + line);
    }
  }
}
