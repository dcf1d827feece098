package dev.bitmsg.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitmsg.pow.testing.EasedPowRules;
import dev.bitmsg.vectors.VectorFile;
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

  @Test
  void easedRulesValidateAgainstTheirOwnTargetButKeepTheLifetimeBounds() {
    VectorFile.Block b = VectorFile.block("pow.txt", "PyBitmessage sample object");
    byte[] object = b.hex("object");
    long expires = ObjectPow.expiresTime(object);
    long now = expires - 345600; // four days before expiry: too little work for the network
    long trial = b.decimal("trial_value");
    long target = b.decimal("target_ttl345600");
    PowVerdict network = PowRules.NETWORK.validate(object, now, Difficulty.NETWORK_DEFAULT);
    assertEquals(PowVerdict.Outcome.INSUFFICIENT_POW, network.outcome());
    assertEquals(target, network.target());

    // Just enough easing for its trial value, and one bit less.
    int bits = 64 - Long.numberOfLeadingZeros(Long.divideUnsigned(trial, target));
    PowRules eased = new EasedPowRules(bits);
    PowVerdict ok = eased.validate(object, now, Difficulty.NETWORK_DEFAULT);
    assertEquals(PowVerdict.Outcome.VALID, ok.outcome(), ok.reason());
    assertEquals(target << bits, ok.target());
    assertEquals(trial, ok.trialValue());
    assertEquals(target << bits, eased.objectTarget(object, now, Difficulty.NETWORK_DEFAULT));
    assertEquals(
        PowVerdict.Outcome.INSUFFICIENT_POW,
        new EasedPowRules(bits - 1).validate(object, now, Difficulty.NETWORK_DEFAULT).outcome());

    // Easing never stretches the lifetime bounds.
    assertEquals(
        PowVerdict.Outcome.EXPIRED,
        eased.validate(object, expires + 3601, Difficulty.NETWORK_DEFAULT).outcome());
    assertEquals(
        PowVerdict.Outcome.TOO_FAR_IN_FUTURE,
        eased
            .validate(object, expires - ObjectPow.MAX_TTL_SECONDS - 1, Difficulty.NETWORK_DEFAULT)
            .outcome());
  }

  @Test
  void searchTargetFollowsTheRules() {
    assertEquals(
        new EasedPowRules(8).target(1000, 86400, Difficulty.NETWORK_DEFAULT),
        new EasedPowRules(8).targetForSearch(1000, 86400, Difficulty.NETWORK_DEFAULT));
    // Easing a zero target leaves it zero: still no search.
    assertThrows(
        IllegalArgumentException.class,
        () -> new EasedPowRules(8).targetForSearch(8, 300, new Difficulty(-1L, 1000)));
  }
}
