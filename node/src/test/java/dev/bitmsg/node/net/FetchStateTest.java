package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.InventoryVector;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The request window of one peer against the node-wide claims. */
class FetchStateTest {
  private static InventoryVector v(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) i;
    return new InventoryVector(Bytes.of(b));
  }

  @Test
  void window_claims_deferral_andExpiry() {
    RequestTracker tracker = new RequestTracker();
    FetchState mine = new FetchState();
    for (int i = 0; i < 5; i++) {
      mine.queue(v(i));
    }
    mine.queue(v(0)); // duplicate announcement: tracked once
    assertEquals(5, mine.tracked());
    assertTrue(tracker.claim(v(1), 0, 1_000)); // another peer is fetching v1
    Set<InventoryVector> have = Set.of(v(2));

    List<InventoryVector> first = mine.nextRequests(2, 0, 500, have::contains, tracker);
    assertEquals(List.of(v(0), v(3)), first, "v1 deferred, v2 already stored, window of 2");
    assertEquals(2, mine.inFlight());
    assertTrue(mine.nextRequests(2, 0, 500, have::contains, tracker).isEmpty(), "window full");

    mine.delivered(v(0));
    assertEquals(List.of(v(4)), mine.nextRequests(2, 10, 510, have::contains, tracker));

    // v3 and v4 time out at 500/510; v1's other claim lapses at 1000.
    assertEquals(2, mine.expire(600));
    assertTrue(
        mine.nextRequests(2, 600, 1100, have::contains, tracker).isEmpty(),
        "v1 still claimed elsewhere");
    assertEquals(0, mine.expire(1_000));
    assertEquals(List.of(v(1)), mine.nextRequests(2, 1_000, 1_500, have::contains, tracker));
    assertFalse(mine.tracks(v(3)), "a timed-out request is forgotten");
  }
}
