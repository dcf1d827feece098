package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.InventoryVector;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The request window of one peer against the node-wide claims, and how claims lapse. */
class FetchStateTest {
  static InventoryVector v(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) i;
    b[31] = 1;
    return new InventoryVector(Bytes.of(b));
  }

  /** A claim owner whose delivery time and connection the test sets. */
  static final class Owner implements RequestTracker.Owner {
    long lastDelivery;
    boolean closed;

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public long lastDeliveryMillis() {
      return lastDelivery;
    }
  }

  @Test
  void window_claims_deferral_andExpiry() {
    RequestTracker tracker = new RequestTracker(1_000, 10_000);
    Owner me = new Owner();
    Owner other = new Owner();
    FetchState mine = new FetchState();
    for (int i = 0; i < 5; i++) {
      mine.queue(v(i));
    }
    mine.queue(v(0)); // duplicate announcement: tracked once
    assertEquals(5, mine.tracked());
    assertTrue(tracker.claim(v(1), other, 0)); // another peer is fetching v1
    Set<InventoryVector> have = Set.of(v(2));

    List<InventoryVector> first = mine.nextRequests(2, 0, 500, have::contains, tracker, me);
    assertEquals(List.of(v(0), v(3)), first, "v1 deferred, v2 already stored, window of 2");
    assertEquals(2, mine.inFlight());
    assertTrue(mine.nextRequests(2, 0, 500, have::contains, tracker, me).isEmpty(), "full");

    mine.delivered(v(0));
    tracker.release(v(0));
    assertEquals(List.of(v(4)), mine.nextRequests(2, 10, 510, have::contains, tracker, me));

    // v3 and v4 time out at 500/510 (their claims released); v1's other claim lapses at 1000.
    assertEquals(2, mine.expire(600, tracker, me));
    assertTrue(tracker.claim(v(3), other, 600), "a timed-out request's claim is released");
    assertTrue(
        mine.nextRequests(2, 600, 1100, have::contains, tracker, me).isEmpty(),
        "v1 still claimed elsewhere");
    assertEquals(0, mine.expire(1_000, tracker, me));
    assertEquals(List.of(v(1)), mine.nextRequests(2, 1_000, 1_500, have::contains, tracker, me));
    assertFalse(mine.tracks(v(3)), "a timed-out request is forgotten");
  }

  @Test
  void claims_lapseAfterTheClaimTimeout_unlessTheOwnerKeepsDelivering() {
    RequestTracker tracker = new RequestTracker(3_000, 120_000);
    Owner silent = new Owner();
    Owner busy = new Owner();
    Owner honest = new Owner();
    assertTrue(tracker.claim(v(1), silent, 0));
    assertTrue(tracker.claim(v(2), busy, 0));
    assertFalse(tracker.claim(v(1), honest, 2_999), "live for the claim timeout");
    busy.lastDelivery = 5_000; // delivering other objects: its claim stays live
    assertTrue(tracker.claim(v(1), honest, 3_000), "silent announcer's claim lapsed");
    assertFalse(tracker.claim(v(2), honest, 7_000), "a delivering owner keeps its claim");
    assertTrue(tracker.claim(v(2), honest, 8_000), "until it stops delivering");
    assertTrue(tracker.claim(v(3), busy, 8_000));
    busy.closed = true;
    assertTrue(tracker.claim(v(3), honest, 8_001), "a closed owner's claims lapse at once");

    assertTrue(tracker.claim(v(4), silent, 10_000));
    assertEquals(4, tracker.size());
    assertEquals(1, tracker.prune(10_500), "lapsed claims are pruned");
    assertEquals(3, tracker.size());
    assertEquals(3, tracker.prune(13_001));
    assertEquals(0, tracker.size());
  }

  @Test
  void claims_neverOutliveTheRequestTimeout() {
    RequestTracker tracker = new RequestTracker(3_000, 10_000);
    Owner trickler = new Owner();
    assertTrue(tracker.claim(v(1), trickler, 0));
    trickler.lastDelivery = 9_999;
    assertFalse(tracker.claim(v(1), new Owner(), 9_999));
    assertTrue(tracker.claim(v(1), new Owner(), 10_000));
  }
}
