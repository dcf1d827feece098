package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code bench decrypt} runs end to end on a tiny workload and reports every figure. */
class DecryptBenchCommandTest {
  @Test
  void tinyRunPrintsFiguresAndFindsEveryMatch() {
    CommandRunner.Result r =
        CommandRunner.run(
            1,
            "bench",
            "decrypt",
            "--identities",
            "12",
            "--objects",
            "30",
            "--baseline-objects",
            "10",
            "--json");
    assertEquals(0, r.exit(), r.err());
    for (String key :
        new String[] {
          "trial_decryptions_per_s",
          "objects_per_s",
          "baseline_trial_decryptions_per_s",
          "ratio",
          "trial_decryptions_per_cpu_s"
        }) {
      assertTrue(r.out().contains("\"" + key + "\""), key + " in " + r.out());
    }
    assertTrue(r.out().contains("\"matches\": 3"), r.out());
  }

  @Test
  void rejectsZeroIdentities() {
    CommandRunner.Result r = CommandRunner.run(1, "bench", "decrypt", "--identities", "0");
    assertTrue(r.exit() != 0);
    assertTrue(r.err().contains("at least 1"), r.err());
  }
}
