package dev.bitmsg.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.PowVerdict.Outcome;
import dev.bitmsg.vectors.VectorFile;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ObjectPowTest {
  private static final Difficulty NET = Difficulty.NETWORK_DEFAULT;

  @Test
  void getpubkeyWorkedExample() {
    VectorFile.Block b = VectorFile.block("pow.txt", "full worked example");
    byte[] object = b.hex("object");
    long now = b.decimal("now");
    assertEquals(b.decimal("object_length_with_nonce"), object.length);
    assertEquals(InitialHash.of(b.hex("initial_hash")), ObjectPow.initialHash(object));
    assertEquals(
        InitialHash.ofObjectWithoutNonce(b.hex("payload_without_nonce")),
        ObjectPow.initialHash(object));
    assertEquals(b.decimal("expires_time"), ObjectPow.expiresTime(object));
    assertEquals(b.decimal("smallest_nonce"), ObjectPow.nonce(object));
    assertEquals(b.decimal("target"), PowRules.NETWORK.objectTarget(object, now, NET));

    PowVerdict v = PowRules.NETWORK.validate(object, now, NET);
    assertEquals(Outcome.VALID, v.outcome(), v.reason());
    assertEquals(b.decimal("trial_value"), v.trialValue());
    assertEquals(b.decimal("target"), v.target());

    // The vector's nonce is the smallest, so the one before it must fail.
    byte[] worse = object.clone();
    worse[7]--;
    PowVerdict bad = PowRules.NETWORK.validate(worse, now, NET);
    assertEquals(Outcome.INSUFFICIENT_POW, bad.outcome());
    assertEquals(
        TrialValue.of(b.decimal("smallest_nonce") - 1, ObjectPow.initialHash(object)),
        bad.trialValue());
    assertTrue(bad.reason().contains("exceeds target " + b.get("target")), bad.reason());
  }

  @Test
  void solvedObjectValidates() throws Exception {
    // The worked example's object with its nonce searched anew by the CPU engine.
    VectorFile.Block b = VectorFile.block("pow.txt", "full worked example");
    byte[] object = b.hex("object");
    long now = b.decimal("now");
    long target = PowRules.NETWORK.objectTarget(object, now, NET);
    try (SlicedPowEngine engine = CpuPowEngine.create(2)) {
      PowSolution s =
          engine
              .submit(new PowJob(ObjectPow.initialHash(object), target, new Random(11).nextLong()))
              .result()
              .get(120, TimeUnit.SECONDS);
      for (int i = 0; i < 8; i++) {
        object[i] = (byte) (s.nonce() >>> (56 - 8 * i));
      }
    }
    PowVerdict v = PowRules.NETWORK.validate(object, now, NET);
    assertEquals(Outcome.VALID, v.outcome(), v.reason());
    assertEquals(target, v.target());
  }

  @Test
  void pyBitmessageSampleObjectAcrossItsLifetime() {
    VectorFile.Block b = VectorFile.block("pow.txt", "PyBitmessage sample object");
    byte[] object = b.hex("object");
    long expires = ObjectPow.expiresTime(object);
    assertEquals(InitialHash.of(b.hex("initial_hash")), ObjectPow.initialHash(object));
    assertEquals(
        b.decimal("target_ttl86400"), PowRules.NETWORK.objectTarget(object, expires - 86400, NET));

    PowVerdict at4Days = PowRules.NETWORK.validate(object, expires - 345600, NET);
    assertEquals(Boolean.parseBoolean(b.get("valid_at_ttl345600")), at4Days.valid());
    assertEquals(Outcome.INSUFFICIENT_POW, at4Days.outcome());
    assertEquals(b.decimal("trial_value"), at4Days.trialValue());
    assertEquals(b.decimal("target_ttl345600"), at4Days.target());

    long maxTtl = b.decimal("max_valid_ttl");
    assertEquals(Outcome.VALID, PowRules.NETWORK.validate(object, expires - maxTtl, NET).outcome());
    assertEquals(
        Outcome.INSUFFICIENT_POW,
        PowRules.NETWORK.validate(object, expires - maxTtl - 1, NET).outcome());
    // Already expired: the TTL counts as 300 s, so the PoW passes while within the hour.
    assertEquals(Outcome.VALID, PowRules.NETWORK.validate(object, expires + 100, NET).outcome());
    assertEquals(Outcome.VALID, PowRules.NETWORK.validate(object, expires + 3600, NET).outcome());
    assertEquals(Outcome.EXPIRED, PowRules.NETWORK.validate(object, expires + 3601, NET).outcome());
    // A higher demanded difficulty fails it even at TTL 300.
    assertEquals(
        Outcome.INSUFFICIENT_POW,
        PowRules.NETWORK.validate(object, expires, new Difficulty(5000, 1000)).outcome());
  }

  @Test
  void lifetimeBounds() {
    byte[] object = VectorFile.block("pow.txt", "PyBitmessage sample object").hex("object");
    long expires = ObjectPow.expiresTime(object);
    PowVerdict far = PowRules.NETWORK.validate(object, expires - 2_430_001, NET);
    assertEquals(Outcome.TOO_FAR_IN_FUTURE, far.outcome());
    assertFalse(far.valid());
    // At exactly 28 d + 3 h the lifetime is fine; then the PoW decides (too weak here).
    assertEquals(
        Outcome.INSUFFICIENT_POW,
        PowRules.NETWORK.validate(object, expires - 2_430_000, NET).outcome());
    byte[] farFuture = object.clone();
    farFuture[8] = (byte) 0x80; // expiresTime >= 2^63
    assertEquals(
        Outcome.TOO_FAR_IN_FUTURE, PowRules.NETWORK.validate(farFuture, expires, NET).outcome());
  }

  @Test
  void tooShortObjects() {
    byte[] object = VectorFile.block("pow.txt", "PyBitmessage sample object").hex("object");
    PowVerdict v = PowRules.NETWORK.validate(Arrays.copyOf(object, 21), 0, NET);
    assertEquals(Outcome.TOO_SHORT, v.outcome());
    assertTrue(v.reason().contains("21 bytes"), v.reason());
    assertEquals(Outcome.TOO_SHORT, PowRules.NETWORK.validate(new byte[0], 0, NET).outcome());
    assertThrows(IllegalArgumentException.class, () -> ObjectPow.initialHash(new byte[15]));
  }
}
