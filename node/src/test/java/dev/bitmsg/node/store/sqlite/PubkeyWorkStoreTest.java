package dev.bitmsg.node.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.store.ExpiryCleaner;
import dev.bitmsg.node.store.PubkeyWorkJob;
import dev.bitmsg.node.store.StoredPubkey;
import dev.bitmsg.node.testing.MutableClock;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.pow.Difficulty;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pubkey work table and the pubkey expiry rule on real SQLite files. */
class PubkeyWorkStoreTest {
  private static final long DAY = 24 * 3600;

  @TempDir Path dir;

  @Test
  void identicalPendingJobsCoalesceAndSurviveAReopen() {
    Path file = dir.resolve("node.db");
    long first;
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      assertEquals(Migrations.STEPS.size(), db.schemaVersion());
      SqlitePubkeyWorkJobs jobs = new SqlitePubkeyWorkJobs(db);
      first = jobs.queue(PubkeyWorkJob.Kind.PUBKEY, "BM-a", "new address", 28 * DAY, 100);
      assertEquals(
          first,
          jobs.queue(PubkeyWorkJob.Kind.PUBKEY, "BM-a", "getpubkey", 28 * DAY, 101),
          "coalesced");
      long other = jobs.queue(PubkeyWorkJob.Kind.GETPUBKEY, "BM-a", "msg 1", 3600, 102);
      assertNotEquals(first, other, "another kind is another job");
      jobs.setState(first, PubkeyWorkJob.State.DOING_POW, 103, Optional.empty());
      assertEquals(
          first,
          jobs.queue(PubkeyWorkJob.Kind.PUBKEY, "BM-a", "getpubkey", 28 * DAY, 104),
          "a job doing PoW still takes identical requests");
    }
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      SqlitePubkeyWorkJobs jobs = new SqlitePubkeyWorkJobs(db);
      assertEquals(1, jobs.requeueInterrupted(200), "the job killed during PoW is queued again");
      PubkeyWorkJob j = jobs.job(first).orElseThrow();
      assertEquals(PubkeyWorkJob.State.QUEUED, j.state());
      assertEquals("new address", j.reason());
      assertEquals(2, jobs.pending().size());

      // A finished object saved before the crash is kept: the restart publishes it, no new work.
      jobs.setState(first, PubkeyWorkJob.State.DOING_POW, 201, Optional.empty());
      jobs.saveSolved(first, Bytes.of(new byte[] {1, 2, 3}), 5000, "cpu");
      assertEquals(0, jobs.requeueInterrupted(202));
      assertTrue(
          Arrays.equals(
              new byte[] {1, 2, 3},
              jobs.job(first).orElseThrow().solved().orElseThrow().toByteArray()));
      jobs.markSent(first, 203);
      PubkeyWorkJob sent = jobs.job(first).orElseThrow();
      assertEquals(PubkeyWorkJob.State.SENT, sent.state());
      assertTrue(sent.solved().isEmpty());
      assertEquals(5000, sent.expires());
      assertEquals(first, jobs.lastSent(PubkeyWorkJob.Kind.PUBKEY, "BM-a").orElseThrow().id());
      long again = jobs.queue(PubkeyWorkJob.Kind.PUBKEY, "BM-a", "re-publish", 28 * DAY, 300);
      assertNotEquals(first, again, "after it went out a new request is a new job");

      assertEquals(1, jobs.dropQueued(PubkeyWorkJob.Kind.GETPUBKEY, "BM-a", "pubkey arrived", 301));
      assertEquals(List.of(again), jobs.pending().stream().map(PubkeyWorkJob::id).toList());
      assertEquals(PubkeyWorkJob.State.DROPPED, jobs.recent(10).get(1).state());
      assertEquals(2, jobs.deleteFinishedBefore(1000), "sent and dropped rows go at cleanup");
      assertEquals(1, jobs.recent(10).size());
    }
  }

  @Test
  void unusedPubkeysExpireAfter28DaysUsedOnesStay() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    MutableClock clock = new MutableClock(t0);
    long now = t0.getEpochSecond();
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("node.db"))) {
      SqlitePubkeys mail = new SqlitePubkeys(db);
      SqliteInventory inventory = new SqliteInventory(db, false);
      mail.put(key("BM-unused", now));
      mail.put(key("BM-used", now));
      mail.markUsed("BM-used");
      ExpiryCleaner cleaner =
          new ExpiryCleaner(
              inventory, Optional.of(mail), Optional.of(new SqlitePubkeyWorkJobs(db)), clock);

      clock.advance(Duration.ofDays(27));
      mail.put(key("BM-fresh", clock.instant().getEpochSecond()));
      cleaner.runOnce();
      assertTrue(mail.get("BM-unused").isPresent(), "27 days old: kept");

      clock.advance(Duration.ofDays(1).plusSeconds(1));
      cleaner.runOnce();
      assertFalse(mail.get("BM-unused").isPresent(), "older than 28 days and never used: deleted");
      assertTrue(mail.get("BM-used").isPresent(), "used personally: kept");
      assertTrue(mail.get("BM-fresh").isPresent(), "one day old: kept");

      // A newer copy of a used key keeps the mark.
      mail.put(key("BM-used", clock.instant().getEpochSecond()));
      clock.advance(Duration.ofDays(60));
      cleaner.runOnce();
      assertTrue(mail.get("BM-used").isPresent());
      assertFalse(mail.get("BM-fresh").isPresent());
    }
  }

  private static StoredPubkey key(String address, long received) {
    byte[] k = new byte[64];
    k[0] = (byte) address.length();
    return new StoredPubkey(
        address, 1, Bytes.of(k), Bytes.of(k), Difficulty.NETWORK_DEFAULT, received);
  }
}
