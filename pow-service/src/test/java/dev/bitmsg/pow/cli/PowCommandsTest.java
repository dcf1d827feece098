package dev.bitmsg.pow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.CpuKernelChoice;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.service.testing.CliRun;
import dev.bitmsg.pow.service.testing.OpenClTestSupport;
import dev.bitmsg.pow.testing.EasedPowRules;
import dev.bitmsg.vectors.VectorFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PowCommandsTest {
  private static final VectorFile.Block EXAMPLE =
      VectorFile.block("pow.txt", "full worked example");
  private static final VectorFile.Block SAMPLE =
      VectorFile.block("pow.txt", "PyBitmessage sample object");

  @Test
  void targetPrintsTheVectors() {
    CliRun r = CliRun.of("pow", "target", "--payload-length", "54", "--ttl", "3600");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("16603730039342", r.out().strip());
    r =
        CliRun.of(
            "pow",
            "target",
            "--payload-length",
            "508",
            "--ttl",
            "3600",
            "--ntpb",
            "3000",
            "--extra",
            "1500");
    assertEquals("2903170298034", r.out().strip());
    r = CliRun.of("pow", "target", "--payload-length", "54", "--ttl", "100");
    assertEquals("17435485891975", r.out().strip());
  }

  @Test
  void commandsFollowTheRulesTheyAreWiredWith() {
    long network =
        Long.parseUnsignedLong(
            CliRun.of("pow", "target", "--payload-length", "54", "--ttl", "3600").out().strip());
    EasedPowRules eased = new EasedPowRules(4);
    CliRun r = CliRun.with(eased, "pow", "target", "--payload-length", "54", "--ttl", "3600");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(network << 4, Long.parseUnsignedLong(r.out().strip()));

    // The sample object's PoW is too weak four days before it expires; rules eased just enough
    // for its trial value accept it.
    long expires = 0x660f307fL;
    String now = Long.toString(expires - 345600);
    long trial = SAMPLE.decimal("trial_value");
    long target = SAMPLE.decimal("target_ttl345600");
    int bits = 64 - Long.numberOfLeadingZeros(Long.divideUnsigned(trial, target));
    CliRun weak = CliRun.of("pow", "validate", "--object-hex", SAMPLE.get("object"), "--now", now);
    assertEquals(1, weak.exitCode(), weak.out());
    CliRun easedOk =
        CliRun.with(
            new EasedPowRules(bits),
            "pow",
            "validate",
            "--object-hex",
            SAMPLE.get("object"),
            "--now",
            now);
    assertEquals(0, easedOk.exitCode(), easedOk.out() + easedOk.err());
    assertTrue(easedOk.out().startsWith("valid"), easedOk.out());
  }

  @Test
  void targetZeroIsAnError() {
    CliRun r =
        CliRun.of(
            "pow",
            "target",
            "--payload-length",
            "8",
            "--ttl",
            "300",
            "--ntpb",
            "18446744073709551615");
    assertEquals(1, r.exitCode());
    assertEquals("0", r.out().strip());
    assertTrue(r.err().contains("target is 0"), r.err());
    assertEquals(2, CliRun.of("pow", "target", "--payload-length", "7", "--ttl", "300").exitCode());
    assertEquals(2, CliRun.of("pow", "target", "--ttl", "300").exitCode());
  }

  @Test
  void solveFindsTheSmallestNonceFromZeroAndPrintsJson() {
    CliRun r =
        CliRun.of(
            "pow",
            "solve",
            "--initial-hash",
            EXAMPLE.get("initial_hash"),
            "--target",
            EXAMPLE.get("target"),
            "--threads",
            "1",
            "--start-nonce",
            "0",
            "--json");
    assertEquals(0, r.exitCode(), r.err());
    String line = r.out().strip();
    assertEquals(1, r.out().lines().count(), r.out());
    Matcher m =
        Pattern.compile(
                "\\{\"nonce\": (\\d+), \"trial_value\": (\\d+), \"engine\": "
                    + "\"(cpu-[a-z0-9]+x1)\", \"trials\": (\\d+), \"seconds\": ([0-9.E-]+)}")
            .matcher(line);
    assertTrue(m.matches(), line);
    // One thread from nonce 0 scans in order, so it finds the vector's smallest nonce.
    assertEquals(EXAMPLE.get("smallest_nonce"), m.group(1));
    assertEquals(EXAMPLE.get("trial_value"), m.group(2));
    assertEquals(EXAMPLE.decimal("smallest_nonce") + 1, Long.parseLong(m.group(4)));
  }

  @Test
  void solveTextOutputWithRandomStartAndHexTarget() {
    InitialHash h = InitialHash.of(EXAMPLE.hex("initial_hash"));
    CliRun r =
        CliRun.of(
            "pow",
            "solve",
            "--initial-hash",
            h.toHex(),
            "--target",
            "0x0004000000000000",
            "--engine",
            "CPU");
    assertEquals(0, r.exitCode(), r.err());
    Matcher m =
        Pattern.compile("(?s)nonce: (\\d+)\ntrial value: (\\d+)\nengine: cpu-.*")
            .matcher(r.out().replace("\r", ""));
    assertTrue(m.find(), r.out());
    long nonce = Long.parseUnsignedLong(m.group(1));
    assertTrue(TrialValue.isSolution(nonce, h, 0x0004000000000000L));
    assertEquals(TrialValue.of(nonce, h), Long.parseUnsignedLong(m.group(2)));
    assertTrue(r.err().isEmpty(), "no progress bar without a terminal: " + r.err());
  }

  @Test
  void cpuKernelCanBeChosenByName() {
    try {
      CliRun r =
          CliRun.of(
              "pow",
              "solve",
              "--initial-hash",
              EXAMPLE.get("initial_hash"),
              "--target",
              "0x0010000000000000",
              "--threads",
              "2",
              "--cpu-kernel",
              "digest",
              "--json");
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().contains("\"engine\": \"cpu-digestx2\""), r.out());
      CliRun bad =
          CliRun.of(
              "pow",
              "solve",
              "--initial-hash",
              EXAMPLE.get("initial_hash"),
              "--target",
              "5",
              "--cpu-kernel",
              "avx");
      assertEquals(2, bad.exitCode());
      assertTrue(bad.err().contains("unknown CPU kernel 'avx'"), bad.err());
    } finally {
      System.clearProperty(CpuKernelChoice.PROPERTY);
    }
  }

  @Test
  void solveOnAparapi_solvesWithOpenCl_elseSaysWhyNot() {
    InitialHash h = InitialHash.of(EXAMPLE.hex("initial_hash"));
    long target = 0x0010000000000000L;
    CliRun r =
        CliRun.of(
            "pow",
            "solve",
            "--initial-hash",
            h.toHex(),
            "--target",
            Long.toUnsignedString(target),
            "--engine",
            "aparapi",
            "--json");
    if (r.exitCode() != 0) {
      assertFalse(
          OpenClTestSupport.required(),
          "BM_REQUIRE_OPENCL=1 but the aparapi engine did not solve: " + r.out() + r.err());
      assertEquals(2, r.exitCode(), r.out() + r.err());
      assertTrue(r.err().contains("engine aparapi is not available: "), r.err());
      return;
    }
    Matcher m =
        Pattern.compile("\\{\"nonce\": (\\d+), \"trial_value\": (\\d+), \"engine\": \"aparapi:")
            .matcher(r.out());
    assertTrue(m.find(), r.out());
    long nonce = Long.parseUnsignedLong(m.group(1));
    assertTrue(TrialValue.isSolution(nonce, h, target), r.out());
    assertEquals(TrialValue.of(nonce, h), Long.parseUnsignedLong(m.group(2)), r.out());
  }

  @Test
  void solveRejectsBadInput() {
    String hash = EXAMPLE.get("initial_hash");
    CliRun shortHash = CliRun.of("pow", "solve", "--initial-hash", "abcd", "--target", "5");
    assertEquals(2, shortHash.exitCode());
    assertTrue(shortHash.err().contains("128 hex digits"), shortHash.err());
    CliRun zero = CliRun.of("pow", "solve", "--initial-hash", hash, "--target", "0");
    assertEquals(2, zero.exitCode());
    assertEquals(2, CliRun.of("pow", "solve", "--initial-hash", hash, "--target", "-1").exitCode());
    CliRun unknown =
        CliRun.of("pow", "solve", "--initial-hash", hash, "--target", "5", "--engine", "quantum");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("unknown engine 'quantum'"), unknown.err());
    assertEquals(
        2,
        CliRun.of("pow", "solve", "--initial-hash", hash, "--target", "5", "--engine", "all")
            .exitCode());
  }

  @Test
  void validateTheWorkedExampleAndTheSampleObject() {
    CliRun ok =
        CliRun.of(
            "pow", "validate", "--object-hex", EXAMPLE.get("object"), "--now", EXAMPLE.get("now"));
    assertEquals(0, ok.exitCode(), ok.out() + ok.err());
    assertTrue(ok.out().startsWith("valid"), ok.out());
    assertTrue(
        ok.out().contains(EXAMPLE.get("trial_value") + " <= target " + EXAMPLE.get("target")),
        ok.out());

    long expires = 0x660f307fL;
    CliRun weak =
        CliRun.of(
            "pow",
            "validate",
            "--object-hex",
            SAMPLE.get("object"),
            "--now",
            Long.toString(expires - 345600));
    assertEquals(1, weak.exitCode());
    assertTrue(weak.out().startsWith("invalid: INSUFFICIENT_POW"), weak.out());
    assertTrue(
        weak.out()
            .contains(
                SAMPLE.get("trial_value") + " exceeds target " + SAMPLE.get("target_ttl345600")),
        weak.out());

    CliRun expired =
        CliRun.of(
            "pow",
            "validate",
            "--object-hex",
            SAMPLE.get("object"),
            "--now",
            Long.toString(expires + 7200));
    assertEquals(1, expired.exitCode());
    assertTrue(expired.out().startsWith("invalid: EXPIRED"), expired.out());

    CliRun harder =
        CliRun.of(
            "pow",
            "validate",
            "--object-hex",
            SAMPLE.get("object"),
            "--now",
            Long.toString(expires),
            "--ntpb",
            "5000");
    assertEquals(1, harder.exitCode());

    CliRun bad = CliRun.of("pow", "validate", "--object-hex", "zz");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("not hex"), bad.err());
  }
}
