package dev.bitmsg.pow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.service.testing.CliRun;
import dev.bitmsg.vectors.VectorFile;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BenchAndDemoIT {
  @Test
  void benchJsonIsOneLineWithBaselineAndEngines() {
    CliRun r =
        CliRun.of(
            "bench",
            "pow",
            "--engine",
            "cpu",
            "--threads",
            "1",
            "--seconds",
            "0.3",
            "--first-solve-seconds",
            "0.3",
            "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(1, r.out().lines().count(), r.out());
    String line = r.out().strip();
    assertTrue(
        line.matches(
            "\\{\"java\": \"[^\"]+\", \"cores\": \\d+, "
                + "\"baseline_trials_per_s\": [0-9.]+, \"cpu_kernels\": \\{.*\\}, "
                + "\"engines\": \\{\"cpu\": \\{\"trials_per_s\": [0-9.]+, \"threads\": 1, "
                + "\"ratio_per_core\": [0-9.]+, \"ratio_to_baseline\": [0-9.]+, \"scanners\": "
                + "\\[\"cpu-(digest|simd[1-3])x1\"], \"expected_seconds\": \\{[^}]*}}}, "
                + "\"first_solve_ms\": \\d+, \"first_solve\": \\{.*}}"),
        line);
    assertTrue(line.contains("\"default\": \""), line);
    for (String kernel : new String[] {"digest", "simd1", "simd2", "simd3"}) {
      assertTrue(
          line.contains("\"" + kernel + "\": {\"trials_per_s\": ")
              || line.contains("\"simd\": {\"available\": false"),
          kernel + " in " + line);
    }
  }

  @Test
  void benchTextReportsUnavailableEnginesWithTheirReason() {
    CliRun r =
        CliRun.of(
            "bench",
            "pow",
            "--engine",
            "all",
            "--threads",
            "1",
            "--seconds",
            "0.2",
            "--first-solve-seconds",
            "0");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("MessageDigest SHA-512, 1 thread"), r.out());
    assertTrue(r.out().contains("default CPU kernel: "), r.out());
    Matcher cpu = Pattern.compile("engine cpu .* trials/s +1 threads").matcher(r.out());
    assertTrue(cpu.find(), r.out());
    for (String family : new String[] {"opencl", "aparapi"}) {
      assertTrue(
          Pattern.compile("engine " + family + " .*(trials/s|unavailable: .+)")
              .matcher(r.out())
              .find(),
          r.out());
    }
    assertTrue(r.out().contains("expected PoW time: 500 B msg, TTL 4 d"), r.out());
    assertEquals(2, CliRun.of("bench", "pow", "--seconds", "0").exitCode());
  }

  @Test
  void demoSolvesTheWorkedExampleOnEachAvailableEngine() {
    VectorFile.Block b = VectorFile.block("pow.txt", "full worked example");
    byte[] body = HexFormat.of().parseHex(PowDemoCommand.GETPUBKEY_WITHOUT_NONCE);
    assertEquals(b.get("payload_without_nonce"), PowDemoCommand.GETPUBKEY_WITHOUT_NONCE);
    assertEquals(b.decimal("target"), PowRules.NETWORK.target(body.length + 8, 3600));

    CliRun r = CliRun.of("demo", "--threads", "1");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("target: " + b.get("target")), r.out());
    assertTrue(r.out().contains("demo: OK"), r.out());
    Matcher m = Pattern.compile("cpu +nonce (\\d+) .*CPU re-verification: OK").matcher(r.out());
    assertTrue(m.find(), r.out());
    InitialHash h = InitialHash.of(b.hex("initial_hash"));
    assertTrue(TrialValue.isSolution(Long.parseUnsignedLong(m.group(1)), h, b.decimal("target")));
  }
}
