package dev.bitmsg.pow.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokensFileTest {
  private static final String T1 = "aaaaaaaaaaaaaaaaaaaa1";
  private static final String T2 = "bbbbbbbbbbbbbbbbbbbb2";

  @Test
  void parse_readsClientsAndLimits() {
    TokensFile f =
        TokensFile.parse(
            List.of(
                "# comment",
                "",
                T1 + " alice weight=2.5 max-jobs=4 max-trials-per-job=1e9 trials-per-hour=1e12",
                T2 + "\tbob   # default limits"),
            "tokens");
    assertEquals(2, f.size());
    ClientIdentity a = f.lookup(T1).orElseThrow();
    assertEquals(new ClientIdentity("alice", 2.5, 4, 1_000_000_000L, 1_000_000_000_000L), a);
    ClientIdentity b = f.lookup(T2).orElseThrow();
    assertEquals(TokensFile.BUILT_IN.named("bob"), b, "the built-in limits, not unlimited");
    assertTrue(b.maxConcurrentJobs() < Integer.MAX_VALUE);
    assertTrue(b.maxExpectedTrialsPerJob() < Long.MAX_VALUE);
    assertTrue(b.trialsPerHour() < Long.MAX_VALUE);
    assertTrue(f.lookup("cccccccccccccccccccc").isEmpty());
  }

  @Test
  void defaultLine_fillsWhatClientLinesLeaveOut_andUnlimitedLiftsALimit() {
    TokensFile f =
        TokensFile.parse(
            List.of(
                T1 + " alice max-jobs=9",
                "default max-jobs=3 trials-per-hour=1e12 # after a client line: order is free",
                T2 + " bob trials-per-hour=unlimited"),
            "tokens");
    ClientIdentity a = f.lookup(T1).orElseThrow();
    assertEquals(9, a.maxConcurrentJobs(), "the client's own value wins");
    assertEquals(1_000_000_000_000L, a.trialsPerHour(), "from the default line");
    assertEquals(TokensFile.BUILT_IN.maxExpectedTrialsPerJob(), a.maxExpectedTrialsPerJob());
    ClientIdentity b = f.lookup(T2).orElseThrow();
    assertEquals(3, b.maxConcurrentJobs());
    assertEquals(Long.MAX_VALUE, b.trialsPerHour());
  }

  @Test
  void parse_errorsNameTheLine() {
    List<List<String>> bad =
        List.of(
            List.of(T1),
            List.of("short alice"),
            List.of(T1 + " alice weight=0"),
            List.of(T1 + " alice max-jobs=1.5"),
            List.of(T1 + " alice colour=red"),
            List.of(T1 + " alice trials-per-hour=-1"),
            List.of(T1 + " alice", T2 + " alice"),
            List.of(T1 + " alice", T1 + " bob"),
            List.of(T1 + " al!ce"),
            List.of("default max-jobs=2", "default weight=2", T1 + " alice"),
            List.of("default max-jobs=0", T1 + " alice"),
            List.of("default colour=red", T1 + " alice"),
            List.of("default max-jobs=3"),
            List.of("# nothing"));
    for (List<String> lines : bad) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TokensFile.parse(lines, "tok.txt"));
      assertTrue(String.valueOf(e.getMessage()).startsWith("tok.txt"), e.getMessage());
    }
  }

  @Test
  void quota_limitsNameWhichOne() {
    QuotaLedger q = new QuotaLedger();
    ClientIdentity c = new ClientIdentity("c", 1, 2, 1000, 2500);
    QuotaExceededException big = assertThrows(QuotaExceededException.class, () -> q.admit(c, 1001));
    assertTrue(
        String.valueOf(big.getMessage()).contains("max expected trials per job"), big.getMessage());
    QuotaLedger.Admission a1 = q.admit(c, 1000);
    QuotaLedger.Admission a2 = q.admit(c, 1000);
    QuotaExceededException many = assertThrows(QuotaExceededException.class, () -> q.admit(c, 10));
    assertTrue(
        String.valueOf(many.getMessage()).contains("max concurrent jobs"), many.getMessage());
    a1.close();
    a1.close(); // idempotent: frees one slot only
    assertEquals(1, q.running("c"));
    QuotaExceededException hour = assertThrows(QuotaExceededException.class, () -> q.admit(c, 600));
    assertTrue(
        String.valueOf(hour.getMessage()).contains("trial budget per hour"), hour.getMessage());
    q.admit(c, 500).close();
    a2.close();
    assertEquals(0, q.running("c"));
  }
}
