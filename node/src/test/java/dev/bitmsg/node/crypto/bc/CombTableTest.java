package dev.bitmsg.node.crypto.bc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

class CombTableTest {
  @Test
  void multiply_equalsGenericMultiplication_forEveryWidth() {
    Random rnd = new Random(12345);
    ECPoint p = Secp256k1.multiplyG(new BigInteger(256, rnd).mod(Secp256k1.N));
    List<BigInteger> scalars =
        new ArrayList<>(
            List.of(
                BigInteger.ONE,
                BigInteger.TWO,
                Secp256k1.N.subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(255),
                BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)));
    for (int i = 0; i < 6; i++) {
      scalars.add(new BigInteger(256, rnd).mod(Secp256k1.N));
    }
    for (int w = 2; w <= 10; w++) {
      CombTable t = CombTable.of(p, w);
      for (BigInteger k : scalars) {
        assertEquals(
            p.multiply(k).normalize(), t.multiply(k).normalize(), "w" + w + " k=" + k.toString(16));
      }
    }
    for (int w = 2; w <= 10; w++) {
      GlvCombTable g = GlvCombTable.of(p, w);
      for (BigInteger k : scalars) {
        assertEquals(
            p.multiply(k).normalize(),
            g.multiply(k).normalize(),
            "glv w" + w + " k=" + k.toString(16));
      }
    }
    assertThrows(IllegalArgumentException.class, () -> CombTable.of(p, 1));
    assertThrows(IllegalArgumentException.class, () -> CombTable.of(p, 11));
  }

  @Test
  void widthGrowsWithKeyCount() {
    assertEquals(0, BcEnvelope.combWidth(1));
    assertEquals(0, BcEnvelope.combWidth(2));
    assertEquals(5, BcEnvelope.combWidth(3));
    assertEquals(6, BcEnvelope.combWidth(8));
    assertEquals(7, BcEnvelope.combWidth(40));
    assertEquals(8, BcEnvelope.combWidth(300));
  }
}
