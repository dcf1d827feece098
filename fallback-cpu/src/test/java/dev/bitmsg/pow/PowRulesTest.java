package dev.bitmsg.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitmsg.pow.testing.EasedPowRules;
import org.junit.jupiter.api.Test;

class PowRulesTest {
  @Test
  void networkRulesAreTheProtocolFormula() {
    assertEquals(
        PowTarget.of(508, 3600, Difficulty.NETWORK_DEFAULT), PowRules.NETWORK.target(508, 3600));
    assertEquals(
        PowTarget.of(508, 3600, new Difficulty(2000, 1000)),
        PowRules.NETWORK.target(508, 3600, new Difficulty(2000, 1000)));
  }

  @Test
  void searchRefusesAZeroTarget() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PowRules.NETWORK.targetForSearch(8, 300, new Difficulty(-1L, 1000)));
  }

  @Test
  void expectedTrialsCountTheTargetItselfAsPassing() {
    assertEquals(0x1p64, PowRules.expectedTrials(0));
    assertEquals(0x1p63, PowRules.expectedTrials(1));
    assertEquals(1.0, PowRules.expectedTrials(-1L)); // 2^64 - 1: every trial passes
    assertEquals(2.0, PowRules.expectedTrials(Long.MAX_VALUE)); // 2^63 - 1
  }

  @Test
  void easedRulesShiftTheNetworkTargetAndSaturate() {
    long t = PowRules.NETWORK.target(1000, 86400);
    assertEquals(t << 10, new EasedPowRules(10).target(1000, 86400));
    assertEquals(-1L, new EasedPowRules(63).target(1000, 86400));
    assertEquals(t, new EasedPowRules(0).target(1000, 86400));
  }
}
