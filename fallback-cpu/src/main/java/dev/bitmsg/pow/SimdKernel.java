package dev.bitmsg.pow;

import static jdk.incubator.vector.VectorOperators.AND;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.OR;
import static jdk.incubator.vector.VectorOperators.ROR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Proof-of-work trials for {@link #L} consecutive nonces at a time (one per vector lane) with the
 * incubating Vector API: SHA-512 of the fixed 72-byte {@code nonce || initialHash}, then SHA-512 of
 * that 64-byte digest, each one padded block; the padding and length words are constants set once
 * per job, and only the first output word of the second hash is compared (with the sign bit
 * flipped, as the Vector API's unsigned comparison is not available on every JDK).
 *
 * <p>The rounds are plain loops on purpose: a fully unrolled variant (2 x 80 rounds split into 20
 * methods to stay under HotSpot's 8000-byte compile limit) ran no faster on 256-bit vectors but
 * took the optimising JIT 10-40 s to compile on busy cores, while these loops are compiled in a
 * second or two. Vectors never cross a call that is not inlined (that would box them).
 *
 * <p>Loading this class needs the {@code jdk.incubator.vector} module: only {@link SimdScanner}
 * touches it, after checking. Not thread-safe: one instance per thread.
 */
final class SimdKernel {
  static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
  static final int L = S.length();

  private static final long[] K = Sha512Constants.roundConstants();
  private static final long[] IV = Sha512Constants.initialHashValue();

  private final long[] iota = new long[L];

  /** Message schedules of the first and second hash, word t at {@code t * L}. */
  private final long[] w1 = new long[80 * L];

  private final long[] w2 = new long[80 * L];

  /** Output of the second compression (only word 0 matters). */
  private final long[] out = new long[8 * L];

  private long targetFlipped;

  SimdKernel() {
    for (int i = 0; i < L; i++) {
      iota[i] = i;
    }
    // Second hash: words 8..15 are the padding of a 64-byte message, the same for every job.
    fill(w2, 8, Long.MIN_VALUE);
    for (int t = 9; t < 15; t++) {
      fill(w2, t, 0);
    }
    fill(w2, 15, 64 * 8);
  }

  /** Prepares the per-job words for {@code hash} and {@code target}. */
  void setJob(InitialHash hash, long target) {
    for (int t = 1; t <= 8; t++) {
      fill(w1, t, hash.word(t - 1));
    }
    fill(w1, 9, Long.MIN_VALUE); // the 0x80 padding byte after the 72 message bytes
    for (int t = 10; t < 15; t++) {
      fill(w1, t, 0);
    }
    fill(w1, 15, 72 * 8); // message length in bits
    targetFlipped = target ^ Long.MIN_VALUE;
  }

  /**
   * Computes the trials of nonces {@code base .. base + L - 1} (wrapping); returns the first lane
   * whose trial value meets the target, or {@code L} when none does. The values are then available
   * through {@link #trial}.
   */
  int run(long base) {
    LongVector.broadcast(S, base).add(LongVector.fromArray(S, iota, 0)).intoArray(w1, 0);
    schedule(w1);
    compress(w1, w2); // the first digest is the second message's words 0..7
    schedule(w2);
    compress(w2, out);
    return LongVector.fromArray(S, out, 0)
        .lanewise(XOR, Long.MIN_VALUE)
        .compare(LE, targetFlipped)
        .firstTrue();
  }

  /** Trial value of lane {@code i} of the last {@link #run}. */
  long trial(int i) {
    return out[i];
  }

  private static void fill(long[] w, int t, long value) {
    for (int i = 0; i < L; i++) {
      w[t * L + i] = value;
    }
  }

  /** Expands words 0..15 of {@code w} to 80. */
  private static void schedule(long[] w) {
    for (int t = 16; t < 80; t++) {
      LongVector x2 = LongVector.fromArray(S, w, (t - 2) * L);
      LongVector x15 = LongVector.fromArray(S, w, (t - 15) * L);
      LongVector s1 =
          x2.lanewise(ROR, 19)
              .lanewise(XOR, x2.lanewise(ROR, 61))
              .lanewise(XOR, x2.lanewise(LSHR, 6));
      LongVector s0 =
          x15.lanewise(ROR, 1)
              .lanewise(XOR, x15.lanewise(ROR, 8))
              .lanewise(XOR, x15.lanewise(LSHR, 7));
      s1.add(LongVector.fromArray(S, w, (t - 7) * L))
          .add(s0)
          .add(LongVector.fromArray(S, w, (t - 16) * L))
          .intoArray(w, t * L);
    }
  }

  /** One SHA-512 compression of schedule {@code w} from the IV; writes IV + state to {@code h}. */
  private static void compress(long[] w, long[] h) {
    LongVector a = LongVector.broadcast(S, IV[0]);
    LongVector b = LongVector.broadcast(S, IV[1]);
    LongVector c = LongVector.broadcast(S, IV[2]);
    LongVector d = LongVector.broadcast(S, IV[3]);
    LongVector e = LongVector.broadcast(S, IV[4]);
    LongVector f = LongVector.broadcast(S, IV[5]);
    LongVector g = LongVector.broadcast(S, IV[6]);
    LongVector hh = LongVector.broadcast(S, IV[7]);
    for (int t = 0; t < 80; t++) {
      LongVector s1 =
          e.lanewise(ROR, 14).lanewise(XOR, e.lanewise(ROR, 18)).lanewise(XOR, e.lanewise(ROR, 41));
      // Ch and Maj with xor/and/or: reliably compiled on every JDK (unlike BITWISE_BLEND).
      LongVector ch = g.lanewise(XOR, e.lanewise(AND, f.lanewise(XOR, g)));
      LongVector t1 = hh.add(s1).add(ch).add(K[t]).add(LongVector.fromArray(S, w, t * L));
      LongVector s0 =
          a.lanewise(ROR, 28).lanewise(XOR, a.lanewise(ROR, 34)).lanewise(XOR, a.lanewise(ROR, 39));
      LongVector maj = a.lanewise(AND, b).lanewise(OR, c.lanewise(AND, a.lanewise(OR, b)));
      hh = g;
      g = f;
      f = e;
      e = d.add(t1);
      d = c;
      c = b;
      b = a;
      a = t1.add(s0.add(maj));
    }
    a.add(IV[0]).intoArray(h, 0);
    b.add(IV[1]).intoArray(h, L);
    c.add(IV[2]).intoArray(h, 2 * L);
    d.add(IV[3]).intoArray(h, 3 * L);
    e.add(IV[4]).intoArray(h, 4 * L);
    f.add(IV[5]).intoArray(h, 5 * L);
    g.add(IV[6]).intoArray(h, 6 * L);
    hh.add(IV[7]).intoArray(h, 7 * L);
  }
}
