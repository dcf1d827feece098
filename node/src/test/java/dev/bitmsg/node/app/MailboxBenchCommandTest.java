package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code bench mailbox} runs end to end on tiny mailboxes and reports every figure. */
class MailboxBenchCommandTest {
  @Test
  void tinyRunPrintsEveryFigure() {
    CommandRunner.Result r =
        CommandRunner.run(
            "bench",
            "mailbox",
            "--messages",
            "200",
            "--baseline-messages",
            "40",
            "--calls",
            "2",
            "--events",
            "3",
            "--json");
    assertEquals(0, r.exit(), r.err());
    for (String key :
        new String[] {
          "messages",
          "baseline_messages",
          "flat",
          "getAllInboxMessageIds",
          "getAllSentMessageIds",
          "getInboxMessageById",
          "getSentMessageById",
          "getStatus",
          "getInboxMessagesByReceiver",
          "getAllInboxMessages",
          "p50_ms",
          "p99_ms",
          "ratio",
          "per_item_ratio",
          "api_p99_ms",
          "inbox_ids_p99_ms",
          "event_latency_p50_ms",
          "event_latency_p99_ms",
          "event_ratio",
          "rss_mib",
          "rss_peak_mib"
        }) {
      assertTrue(r.out().contains("\"" + key + "\""), key + " in " + r.out());
    }
    assertTrue(r.out().contains("\"messages\": 200"), r.out());
    assertTrue(r.out().contains("\"sent_messages\": 20"), r.out());
    // getAllInboxMessageIds answers every message of each mailbox.
    assertTrue(r.out().contains("\"returns\": 200"), r.out());
    assertTrue(r.out().contains("\"baseline_returns\": 40"), r.out());
  }

  @Test
  void rejectsZeroMessages() {
    CommandRunner.Result r = CommandRunner.run("bench", "mailbox", "--messages", "0");
    assertTrue(r.exit() != 0);
    assertTrue(r.err().contains("at least 1"), r.err());
  }
}
