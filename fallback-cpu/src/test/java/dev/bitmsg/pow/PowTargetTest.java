package dev.bitmsg.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.vectors.VectorFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PowTargetTest {
  private static final Pattern KEY =
      Pattern.compile("target_len(\\d+)_ttl(\\d+)(?:_ntpb(\\d+)_extra(\\d+))?");

  @Test
  void everyTargetVectorOfPowTxt() {
    List<String> checked = new ArrayList<>();
    for (VectorFile.Block block : VectorFile.read("pow.txt")) {
      for (Map.Entry<String, String> e : block.entries()) {
        Matcher m = KEY.matcher(e.getKey());
        if (!m.matches()) {
          continue;
        }
        long len = Long.parseLong(m.group(1));
        long ttl = Long.parseLong(m.group(2));
        Difficulty d =
            m.group(3) == null
                ? Difficulty.NETWORK_DEFAULT
                : new Difficulty(Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
        assertEquals(Long.parseUnsignedLong(e.getValue()), PowTarget.of(len, ttl, d), e.getKey());
        checked.add(e.getKey());
      }
    }
    assertEquals(13, checked.size(), "target vectors found: " + checked);
  }

  @Test
  void sampleObjectTargetsAtSeveralTtls() {
    VectorFile.Block b = VectorFile.block("pow.txt", "PyBitmessage sample object");
    int len = b.hex("object").length;
    assertEquals(b.decimal("target_ttl300"), PowRules.NETWORK.target(len, 300));
    assertEquals(b.decimal("target_ttl86400"), PowRules.NETWORK.target(len, 86400));
    assertEquals(b.decimal("target_ttl345600"), PowRules.NETWORK.target(len, 345600));
  }

  @Test
  void ttlBelowFiveMinutesCountsAsFiveMinutes() {
    long at300 = PowRules.NETWORK.target(54, 300);
    assertEquals(at300, PowRules.NETWORK.target(54, 299));
    assertEquals(at300, PowRules.NETWORK.target(54, 0));
    assertEquals(at300, PowRules.NETWORK.target(54, -3600));
    assertEquals(at300, PowRules.NETWORK.target(54, Long.MIN_VALUE));
    assertTrue(Long.compareUnsigned(PowRules.NETWORK.target(54, 301), at300) <= 0);
  }

  @Test
  void extremesOfTtlAndLength() {
    long maxTtl = 28L * 24 * 3600 + 3 * 3600;
    // Independent computation: with these sizes nothing overflows a long, and the divisor is no
    // power of two, so floor((2^64 - 1) / d) equals floor(2^64 / d).
    for (long len : new long[] {8, 22, 54, 1000, 1 << 18, (1 << 18) + 8}) {
      for (long ttl : new long[] {300, 3600, 86400, 4 * 86400, maxTtl}) {
        long l = len + 1000;
        long d = 1000 * (l + ttl * l / 65536);
        assertEquals(
            Long.divideUnsigned(-1L, d), PowRules.NETWORK.target(len, ttl), len + "/" + ttl);
      }
    }
    assertTrue(
        Long.compareUnsigned(
                PowRules.NETWORK.target(1 << 18, maxTtl), PowRules.NETWORK.target(54, 300))
            < 0);
  }

  @Test
  void randomDifficultiesAgainstLongArithmetic() {
    Random rnd = new Random(42);
    for (int i = 0; i < 2000; i++) {
      long len = 8L + rnd.nextInt(1 << 18);
      long ttl = rnd.nextInt(2_500_000);
      long ntpb = rnd.nextInt(100_000);
      long extra = rnd.nextInt(100_000);
      long n = Math.max(ntpb, 1000);
      long l = len + Math.max(extra, 1000);
      long d = n * (l + Math.max(ttl, 300) * l / 65536);
      long expected =
          Long.bitCount(d) == 1
              ? 1L << (64 - Long.numberOfTrailingZeros(d))
              : Long.divideUnsigned(-1L, d);
      assertEquals(expected, PowTarget.of(len, ttl, new Difficulty(ntpb, extra)));
    }
  }

  @Test
  void parametersBelowTheMinimumAreRaised() {
    long def = PowRules.NETWORK.target(508, 3600);
    assertEquals(def, PowTarget.of(508, 3600, new Difficulty(0, 0)));
    assertEquals(def, PowTarget.of(508, 3600, new Difficulty(1, 999)));
    assertTrue(Long.compareUnsigned(PowTarget.of(508, 3600, new Difficulty(1001, 1000)), def) < 0);
    assertEquals(new Difficulty(1000, 1000), new Difficulty(5, 999).effective());
    assertFalse(new Difficulty(5, 1000).exceedsNetworkDefault());
    assertTrue(new Difficulty(1000, 1001).exceedsNetworkDefault());
  }

  @Test
  void hugeFactorsGiveTheExactTargetDownToZero() {
    // L = 8 + 1000 = 1008 bytes at TTL 300: inner term 1008 + floor(300 * 1008 / 65536) = 1012.
    long ntpbForOne = Long.divideUnsigned(-1L, 1012); // largest ntpb with divisor <= 2^64
    assertEquals(1, PowTarget.of(8, 300, new Difficulty(ntpbForOne, 1000)));
    assertEquals(0, PowTarget.of(8, 300, new Difficulty(ntpbForOne + 1, 1000)));
    assertEquals(0, PowTarget.of(8, 300, new Difficulty(-1L, 1000))); // 2^64 - 1, unsigned
    assertEquals(0, PowTarget.of(8, 300, new Difficulty(Long.MIN_VALUE, 1000))); // 2^63
    assertEquals(0, PowTarget.of(8, 300, new Difficulty(1000, -1L)));
    assertEquals(0, PowTarget.of(1 << 18, Long.MAX_VALUE, new Difficulty(-1L, -1L)));
    // 2 * 10^10, PyBitmessage's largest acceptable demand, still leaves a searchable target.
    long hard =
        PowRules.NETWORK.targetForSearch(1000, 345600, new Difficulty(20_000_000_000L, 1000));
    assertTrue(hard > 0);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PowRules.NETWORK.targetForSearch(8, 300, new Difficulty(-1L, 1000)));
    assertTrue(String.valueOf(e.getMessage()).contains("target is 0"), e.getMessage());
  }

  @Test
  void smallestTargetIsFarFromTheUnsignedTop() {
    // With the minimums the divisor is at least 1000 * 1012, so no clamping is ever needed.
    long easiest = PowTarget.of(8, 300, new Difficulty(0, 0));
    assertEquals(Long.divideUnsigned(-1L, 1000L * 1012), easiest);
    assertTrue(easiest > 0);
  }

  @Test
  void lengthWithoutNonceIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> PowRules.NETWORK.target(7, 300));
    assertThrows(IllegalArgumentException.class, () -> PowRules.NETWORK.target(-1, 300));
  }
}
