package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.wire.InventoryVector;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The stem rules of {@link Dandelion}, with strings for peers and a hand-moved clock. */
class DandelionTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final DandelionSettings settings =
      DandelionSettings.defaults().withFluffDelays(Duration.ofSeconds(10), Duration.ofSeconds(30));

  private Dandelion<String> dandelion(long seed) {
    return new Dandelion<>(settings, now::get, new Random(seed));
  }

  private static InventoryVector vector(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) i;
    b[1] = (byte) (i >> 8);
    return new InventoryVector(dev.bitmsg.node.wire.Bytes.of(b));
  }

  @Test
  void ownObjects_goToOneChildPerEpoch_atMostTwoChildren() {
    Dandelion<String> d = dandelion(1);
    d.outboundEstablished("a");
    d.outboundEstablished("b");
    d.outboundEstablished("c"); // a third outbound peer is no child
    assertEquals(List.of("a", "b"), d.stems());
    Set<String> children = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      children.add(d.stem(vector(i), 1, null).orElseThrow());
    }
    assertEquals(1, children.size(), "the route of our own objects is fixed for the epoch");
  }

  @Test
  void stemmedObject_neverGoesBackToItsParent() {
    for (long seed = 0; seed < 20; seed++) {
      Dandelion<String> d = dandelion(seed);
      d.outboundEstablished("a");
      d.outboundEstablished("b");
      assertEquals(Optional.of("b"), d.stem(vector(1), 1, "a"));
    }
    Dandelion<String> only = dandelion(3);
    only.outboundEstablished("a");
    assertTrue(only.stem(vector(1), 1, "a").isEmpty(), "its only child is its parent: fluff");
    assertFalse(only.isStem(vector(1)));
  }

  @Test
  void noChild_fluffsAtOnce_deadlineFluffsTheRest() {
    Dandelion<String> d = dandelion(2);
    assertTrue(d.stem(vector(1), 1, null).isEmpty(), "no outbound connection: no stem");
    d.outboundEstablished("a");
    assertEquals(Optional.of("a"), d.stem(vector(2), 1, null));
    assertTrue(d.isStem(vector(2)));
    assertTrue(d.expire().isEmpty());
    now.addAndGet(9_999);
    assertTrue(d.expire().isEmpty(), "never before the fixed delay");
    now.addAndGet(10_000_000);
    List<Dandelion.Expired<String>> fluffed = d.expire();
    assertEquals(1, fluffed.size());
    assertEquals(vector(2), fluffed.get(0).vector());
    assertFalse(d.isStem(vector(2)));
  }

  @Test
  void closedChild_isReplaced_newEpochRedraws() {
    Dandelion<String> d = dandelion(4);
    d.outboundEstablished("a");
    d.stem(vector(1), 1, null);
    d.closed("a");
    assertTrue(d.childOf(vector(1)).isEmpty(), "waits for a child or its deadline");
    d.outboundEstablished("b");
    assertEquals(Optional.of("b"), d.childOf(vector(1)));
    now.addAndGet(settings.epoch().toMillis());
    d.maybeNewEpoch(List.of("x", "y", "z"));
    assertEquals(2, d.stems().size());
    assertTrue(Set.of("x", "y", "z").containsAll(d.stems()));
  }

  @Test
  void stemChance_percentOfHops() {
    Dandelion<String> always =
        new Dandelion<>(settings.withStemPercent(100), now::get, new Random(5));
    Dandelion<String> never = new Dandelion<>(settings.withStemPercent(0), now::get, new Random(5));
    for (int i = 0; i < 200; i++) {
      assertFalse(always.fluffsByChance());
      assertTrue(never.fluffsByChance());
    }
  }
}
