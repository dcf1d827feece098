package dev.bitmsg.pow.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker's states on an injected clock: open, half-open probe, doubling, closing. */
class CircuitBreakerTest {
  private final AtomicLong now = new AtomicLong();
  private final CircuitBreaker breaker =
      new CircuitBreaker("test", Duration.ofSeconds(2), Duration.ofSeconds(5), now::get);

  @Test
  void closed_allowsEveryJob() {
    assertTrue(breaker.refusal().isEmpty());
    assertTrue(breaker.refusal().isEmpty());
    assertFalse(breaker.isOpen());
  }

  @Test
  void failure_refusesUntilTheOpenTimePassed_thenOneProbe() {
    breaker.failure("down");
    assertTrue(breaker.refusal().orElseThrow().contains("after: down"));
    advance(Duration.ofMillis(1999));
    assertTrue(breaker.refusal().isPresent());
    advance(Duration.ofMillis(1));
    assertTrue(breaker.refusal().isEmpty(), "the probe");
    assertTrue(breaker.refusal().orElseThrow().contains("probe running"), "only one probe");
    breaker.success();
    assertTrue(breaker.refusal().isEmpty());
    assertFalse(breaker.isOpen());
  }

  @Test
  void failedProbe_doublesTheOpenTime_upToTheMaximum() {
    breaker.failure("down");
    advance(Duration.ofSeconds(2));
    assertTrue(breaker.refusal().isEmpty());
    breaker.failure("still down"); // 4 s now
    advance(Duration.ofMillis(3999));
    assertTrue(breaker.refusal().isPresent());
    advance(Duration.ofMillis(1));
    assertTrue(breaker.refusal().isEmpty());
    breaker.failure("still down"); // 8 s capped to 5 s
    advance(Duration.ofSeconds(5));
    assertTrue(breaker.refusal().isEmpty());
    breaker.success();
    breaker.failure("down again"); // back to the minimum
    advance(Duration.ofSeconds(2));
    assertTrue(breaker.refusal().isEmpty());
  }

  @Test
  void abandonedProbe_letsTheNextJobProbe() {
    breaker.failure("down");
    advance(Duration.ofSeconds(2));
    assertTrue(breaker.refusal().isEmpty());
    breaker.release();
    assertTrue(breaker.refusal().isEmpty());
    assertEquals(true, breaker.isOpen());
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }
}
