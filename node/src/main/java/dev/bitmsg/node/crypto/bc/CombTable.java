package dev.bitmsg.node.crypto.bc;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A Lim-Lee comb table for one point P: entry {@code i} (1 .. 2^w - 1) holds {@code sum over set
 * bits j of i of 2^(j·d)·P} in affine form, with {@code d = ceil(256 / w)}. Multiplying by a
 * 256-bit scalar then costs d doublings and at most d mixed additions, against about 256 doublings
 * for a generic multiplication. Building the table costs (w-1)·d doublings and 2^w additions, so
 * wider tables pay off only when many scalars share the point (trial decryption with many keys).
 * Immutable after construction; thread-safe.
 *
 * <p>The table index depends on bits of the scalar and the lookup is a plain array access: like
 * most fast variable-base code it is not hardened against cache-timing observers on the same
 * machine. Remote peers see no timing of trial decryption (nothing is sent back).
 */
final class CombTable {
  private static final int SCALAR_BITS = 256;

  private final int width;
  private final int teeth;
  private final ECPoint[] table;

  private CombTable(int width, int teeth, ECPoint[] table) {
    this.width = width;
    this.teeth = teeth;
    this.table = table;
  }

  static CombTable of(ECPoint p, int width) {
    if (width < 2 || width > 10) {
      throw new IllegalArgumentException("comb width 2..10, got " + width);
    }
    int teeth = (SCALAR_BITS + width - 1) / width;
    return new CombTable(width, teeth, build(p, width, teeth));
  }

  /** The affine table {@code [unused, 1 .. 2^w - 1]} for P with the given tooth spacing. */
  static ECPoint[] build(ECPoint p, int width, int teeth) {
    ECPoint[] bases = new ECPoint[width];
    bases[0] = p;
    for (int j = 1; j < width; j++) {
      bases[j] = bases[j - 1].timesPow2(teeth);
    }
    // One shared inversion for all bases, so that the additions below are mixed (cheaper).
    p.getCurve().normalizeAll(bases);
    ECPoint[] table = new ECPoint[1 << width];
    for (int j = 0; j < width; j++) {
      table[1 << j] = bases[j];
    }
    for (int i = 3; i < table.length; i++) {
      if ((i & (i - 1)) != 0) {
        int low = i & -i;
        table[i] = table[i - low].add(table[low]);
      }
    }
    ECPoint[] rest = new ECPoint[table.length - 1];
    System.arraycopy(table, 1, rest, 0, rest.length);
    p.getCurve().normalizeAll(rest);
    System.arraycopy(rest, 0, table, 1, rest.length);
    return table;
  }

  /** {@code k·P} in projective form (normalize before reading coordinates); k in [1, n-1]. */
  ECPoint multiply(BigInteger k) {
    int[] words = words(k);
    ECPoint q = table[1].getCurve().getInfinity();
    for (int i = teeth - 1; i >= 0; i--) {
      q = q.twice();
      int index = index(words, width, teeth, i);
      if (index != 0) {
        q = q.add(table[index]);
      }
    }
    return q;
  }

  /** Column i of the comb: bit {@code j·teeth + i} of the scalar as bit j of the index. */
  static int index(int[] words, int width, int teeth, int i) {
    int index = 0;
    for (int j = width - 1; j >= 0; j--) {
      index = (index << 1) | bit(words, j * teeth + i);
    }
    return index;
  }

  /** Little-endian 32-bit words of a non-negative scalar below 2^256, plus one spare word. */
  static int[] words(BigInteger k) {
    int[] w = new int[(SCALAR_BITS + 31) / 32 + 1];
    byte[] b = k.toByteArray();
    for (int i = 0; i < b.length && i < w.length * 4; i++) {
      int bitPos = i * 8;
      w[bitPos >>> 5] |= (b[b.length - 1 - i] & 0xff) << (bitPos & 31);
    }
    return w;
  }

  private static int bit(int[] words, int index) {
    int word = index >>> 5;
    return word < words.length ? (words[word] >>> (index & 31)) & 1 : 0;
  }
}
