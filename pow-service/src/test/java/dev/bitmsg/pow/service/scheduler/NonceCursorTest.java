package dev.bitmsg.pow.service.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The resume point is a contiguous searched prefix whatever order ranges come back in. */
class NonceCursorTest {
  private static final long START = 1_000;

  @Test
  void inOrder_prefixFollowsEachRange() {
    NonceCursor c = new NonceCursor(START);
    assertEquals(START, c.searchedUntil());
    NonceCursor.Range a = c.take(10);
    NonceCursor.Range b = c.take(20);
    assertEquals(new NonceCursor.Range(START, 10), a);
    assertEquals(new NonceCursor.Range(START + 10, 20), b);
    c.searched(a.firstNonce(), a.count());
    assertEquals(START + 10, c.searchedUntil());
    c.searched(b.firstNonce(), b.count());
    assertEquals(START + 30, c.searchedUntil());
  }

  @Test
  void outOfOrder_laterRangeCountsOnlyOnceEveryEarlierOneIsDone() {
    NonceCursor c = new NonceCursor(START);
    NonceCursor.Range a = c.take(10);
    NonceCursor.Range b = c.take(10);
    NonceCursor.Range d = c.take(10);
    c.searched(d.firstNonce(), d.count());
    c.searched(b.firstNonce(), b.count());
    assertEquals(START, c.searchedUntil(), "the first range is still out");
    c.searched(a.firstNonce(), a.count());
    assertEquals(START + 30, c.searchedUntil());
  }

  @Test
  void returnedRange_isHandedOutAgainFirst_andThePrefixPassesItOnceScanned() {
    NonceCursor c = new NonceCursor(START);
    NonceCursor.Range a = c.take(10);
    NonceCursor.Range b = c.take(10);
    c.searched(b.firstNonce(), b.count());
    c.returned(a.firstNonce(), a.count()); // its engine failed
    assertEquals(START, c.searchedUntil());
    NonceCursor.Range again = c.take(4); // a smaller pass takes part of it
    assertEquals(new NonceCursor.Range(START, 4), again);
    NonceCursor.Range rest = c.take(100);
    assertEquals(new NonceCursor.Range(START + 4, 6), rest);
    assertEquals(new NonceCursor.Range(START + 20, 5), c.take(5), "then fresh nonces");
    c.searched(rest.firstNonce(), rest.count());
    assertEquals(START, c.searchedUntil());
    c.searched(again.firstNonce(), again.count());
    assertEquals(START + 20, c.searchedUntil());
  }

  @Test
  void wrapsModulo2To64() {
    long start = -5; // 2^64 - 5
    NonceCursor c = new NonceCursor(start);
    NonceCursor.Range a = c.take(10);
    c.searched(a.firstNonce(), a.count());
    assertEquals(5, c.searchedUntil());
  }

  @Test
  void anyOrderWithFailures_prefixIsTheLongestFullyScannedRun() {
    Random random = new Random(15);
    for (int round = 0; round < 50; round++) {
      NonceCursor c = new NonceCursor(random.nextLong());
      List<NonceCursor.Range> out = new ArrayList<>();
      boolean[] scanned = new boolean[10_000];
      for (int step = 0; step < 400; step++) {
        if (out.isEmpty() || random.nextInt(3) > 0) {
          out.add(c.take(1 + random.nextInt(20)));
          continue;
        }
        Collections.shuffle(out, random);
        NonceCursor.Range r = out.remove(out.size() - 1);
        if (random.nextInt(5) == 0) {
          c.returned(r.firstNonce(), r.count());
        } else {
          c.searched(r.firstNonce(), r.count());
          long from = r.firstNonce() - c.first();
          for (long i = from; i < from + r.count(); i++) {
            scanned[(int) i] = true;
          }
        }
        int prefix = 0;
        while (scanned[prefix]) {
          prefix++;
        }
        assertEquals(c.first() + prefix, c.searchedUntil(), "round " + round + " step " + step);
      }
    }
  }
}
