package dev.bitmsg.node.crypto.bc;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.endo.GLVEndomorphism;

/**
 * Comb multiplication that also uses secp256k1's endomorphism φ(x, y) = (βx, y) = λ·(x, y): a
 * scalar k splits into a + b·λ with |a|, |b| of about 128 bits, so one pass over two comb tables
 * (for P and φ(P), each with signed copies) needs half the doublings of {@link CombTable} and a
 * table built with half the doublings too. Same timing caveat as {@link CombTable}. Immutable after
 * construction; thread-safe.
 */
final class GlvCombTable {
  /**
   * Bound on |a| and |b| used for the tooth spacing; larger halves fall back to the generic path.
   */
  static final int HALF_BITS = 130;

  private static final GLVEndomorphism ENDO = (GLVEndomorphism) Secp256k1.CURVE.getEndomorphism();

  private final ECPoint p;
  private final int width;
  private final int teeth;
  private final ECPoint[] plus;
  private final ECPoint[] minus;
  private final ECPoint[] phiPlus;
  private final ECPoint[] phiMinus;

  private GlvCombTable(ECPoint p, int width, int teeth, ECPoint[] table) {
    this.p = p;
    this.width = width;
    this.teeth = teeth;
    int size = table.length;
    plus = table;
    minus = new ECPoint[size];
    phiPlus = new ECPoint[size];
    phiMinus = new ECPoint[size];
    for (int i = 1; i < size; i++) {
      minus[i] = table[i].negate();
      phiPlus[i] = ENDO.getPointMap().map(table[i]);
      phiMinus[i] = phiPlus[i].negate();
    }
  }

  static GlvCombTable of(ECPoint p, int width) {
    if (width < 2 || width > 10) {
      throw new IllegalArgumentException("comb width 2..10, got " + width);
    }
    int teeth = (HALF_BITS + width - 1) / width;
    return new GlvCombTable(p, width, teeth, CombTable.build(p, width, teeth));
  }

  /** {@code k·P} in projective form; k in [1, n-1]. */
  ECPoint multiply(BigInteger k) {
    BigInteger[] ab = ENDO.decomposeScalar(k);
    BigInteger a = ab[0];
    BigInteger b = ab[1];
    if (a.abs().bitLength() > HALF_BITS || b.abs().bitLength() > HALF_BITS) {
      return p.multiply(k);
    }
    ECPoint[] ta = a.signum() < 0 ? minus : plus;
    ECPoint[] tb = b.signum() < 0 ? phiMinus : phiPlus;
    int[] wa = CombTable.words(a.abs());
    int[] wb = CombTable.words(b.abs());
    ECPoint q = p.getCurve().getInfinity();
    for (int i = teeth - 1; i >= 0; i--) {
      q = q.twice();
      int ia = CombTable.index(wa, width, teeth, i);
      if (ia != 0) {
        q = q.add(ta[ia]);
      }
      int ib = CombTable.index(wb, width, teeth, i);
      if (ib != 0) {
        q = q.add(tb[ib]);
      }
    }
    return q;
  }
}
