package dev.bitmsg.pow.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitmsg.pow.v1.SolveProgress;
import org.junit.jupiter.api.Test;

/** The resume point across calls: only reports of our own range count; trials add up. */
class SearchedPrefixTest {
  @Test
  void reportsOfTheAskedRange_moveTheResumePoint_trialsAddUp() {
    SearchedPrefix p = new SearchedPrefix(100);
    p.callStarts();
    p.report(progress(100, 150, 50));
    p.report(progress(100, 400, 300));
    assertEquals(400, p.next());
    assertEquals(300, p.trials());
    p.callStarts(); // on another replica from 400
    p.report(progress(400, 500, 100));
    assertEquals(500, p.next());
    assertEquals(400, p.trials());
    p.answered(150);
    assertEquals(450, p.trials());
  }

  @Test
  void reportOfAJoinedSearchElsewhere_doesNotMoveIt() {
    SearchedPrefix p = new SearchedPrefix(100);
    p.callStarts();
    p.report(progress(9_000, 9_500, 500)); // joined an identical search that began at 9000
    assertEquals(100, p.next());
  }

  @Test
  void wrapsPastTheTopOfTheNonceSpace() {
    SearchedPrefix p = new SearchedPrefix(-10); // 2^64 - 10
    p.callStarts();
    p.report(progress(-10, 5, 15));
    assertEquals(5, p.next());
    p.report(progress(-10, -5, 5)); // an older report: never backwards
    assertEquals(5, p.next());
  }

  private static SolveProgress progress(long from, long next, long trials) {
    return SolveProgress.newBuilder()
        .setSearchedFrom(from)
        .setNextNonce(next)
        .setTrials(trials)
        .build();
  }
}
