package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.InventoryVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The in-memory vector index: membership through growth, expiry trimming, no false positives. */
class KnownVectorsTest {
  private static List<InventoryVector> vectors(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<InventoryVector> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[32];
      r.nextBytes(b);
      out.add(new InventoryVector(Bytes.of(b)));
    }
    return out;
  }

  @Test
  void containsWhatWasAdded_throughGrowthAndTrimming() {
    KnownVectors known = new KnownVectors();
    List<InventoryVector> stored = vectors(50_000, 1);
    for (int i = 0; i < stored.size(); i++) {
      known.add(stored.get(i), 1_000 + (i % 2)); // half expire at 1000, half at 1001
    }
    known.add(stored.get(0), 5_000); // the later expiry wins
    assertEquals(50_000, known.size());
    for (InventoryVector v : stored) {
      assertTrue(known.contains(v));
    }
    for (InventoryVector v : vectors(50_000, 2)) {
      assertFalse(known.contains(v));
    }
    assertEquals(0, known.forgetExpiredBefore(1_000));
    assertEquals(24_999, known.forgetExpiredBefore(1_001));
    assertEquals(25_001, known.size());
    assertTrue(known.contains(stored.get(0)));
    assertFalse(known.contains(stored.get(2)));
    assertTrue(known.contains(stored.get(1)));
    assertEquals(25_001, known.forgetExpiredBefore(10_000));
    assertEquals(0, known.size());
    assertFalse(known.contains(stored.get(0)));
  }
}
