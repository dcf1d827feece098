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
 * incubating Vector API: SHA-512 of the fixed 72-byte {@code nonce || initialHash}, then SHA-512
 * of that 64-byte digest, each one padded block; the padding and length words are constants set
 * once per job, and only the first output word of the second hash is compared (with the sign bit
 * flipped, as the Vector API's unsigned comparison is not available on every JDK).
 *
 * <p>The rounds are plain loops on purpose: a fully unrolled variant (2 x 80 rounds split into
 * 20 methods to stay under HotSpot's 8000-byte compile limit) ran no faster on 256-bit vectors but
 * took the optimising JIT 10-40 s to compile on busy cores, while these loops are compiled in a
 * second or two. Vectors never cross a call that is not inlined (that would box them).
 *
 * <p>Loading this class needs the {@code jdk.incubator.vector} module: only {@link SimdScanner}
 * touches it, after checking. Not thread-safe: one instance per thread.
 */
final class SimdKernel {
  static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
  static final int L = S.length();

  private static final long[] K = {
      0x428a2f98d728ae22L, 0x7137449123ef65cdL, 0xb5c0fbcfec4d3b2fL, 0xe9b5dba58189dbbcL,
      0x3956c25bf348b538L, 0x59f111f1b605d019L, 0x923f82a4af194f9bL, 0xab1c5ed5da6d8118L,
      0xd807aa98a3030242L, 0x12835b0145706fbeL, 0x243185be4ee4b28cL, 0x550c7dc3d5ffb4e2L,
      0x72be5d74f27b896fL, 0x80deb1fe3b1696b1L, 0x9bdc06a725c71235L, 0xc19bf174cf692694L,
      0xe49b69c19ef14ad2L, 0xefbe4786384f25e3L, 0x0fc19dc68b8cd5b5L, 0x240ca1cc77ac9c65L,
      0x2de92c6f592b0275L, 0x4a7484aa6ea6e483L, 0x5cb0a9dcbd41fbd4L, 0x76f988da831153b5L,
      0x983e5152ee66dfabL, 0xa831c66d2db43210L, 0xb00327c898fb213fL, 0xbf597fc7beef0ee4L,
      0xc6e00bf33da88fc2L, 0xd5a79147930aa725L, 0x06ca6351e003826fL, 0x142929670a0e6e70L,
      0x27b70a8546d22ffcL, 0x2e1b21385c26c926L, 0x4d2c6dfc5ac42aedL, 0x53380d139d95b3dfL,
      0x650a73548baf63deL, 0x766a0abb3c77b2a8L, 0x81c2c92e47edaee6L, 0x92722c851482353bL,
      0xa2bfe8a14cf10364L, 0xa81a664bbc423001L, 0xc24b8b70d0f89791L, 0xc76c51a30654be30L,
      0xd192e819d6ef5218L, 0xd69906245565a910L, 0xf40e35855771202aL, 0x106aa07032bbd1b8L,
      0x19a4c116b8d2d0c8L, 0x1e376c085141ab53L, 0x2748774cdf8eeb99L, 0x34b0bcb5e19b48a8L,
      0x391c0cb3c5c95a63L, 0x4ed8aa4ae3418acbL, 0x5b9cca4f7763e373L, 0x682e6ff3d6b2b8a3L,
      0x748f82ee5defb2fcL, 0x78a5636f43172f60L, 0x84c87814a1f0ab72L, 0x8cc702081a6439ecL,
      0x90befffa23631e28L, 0xa4506cebde82bde9L, 0xbef9a3f7b2c67915L, 0xc67178f2e372532bL,
      0xca273eceea26619cL, 0xd186b8c721c0c207L, 0xeada7dd6cde0eb1eL, 0xf57d4f7fee6ed178L,
      0x06f067aa72176fbaL, 0x0a637dc5a2c898a6L, 0x113f9804bef90daeL, 0x1b710b35131c471bL,
      0x28db77f523047d84L, 0x32caab7b40c72493L, 0x3c9ebe0a15c9bebcL, 0x431d67c49c100d4cL,
      0x4cc5d4becb3e42b6L, 0x597f299cfc657e2aL, 0x5fcb6fab3ad6faecL, 0x6c44198c4a475817L,
  };
  private static final long[] IV = {
      0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
      0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L,
  };

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
    return LongVector.fromArray(S, out, 0).lanewise(XOR, Long.MIN_VALUE)
        .compare(LE, targetFlipped).firstTrue();
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
      LongVector s1 = x2.lanewise(ROR, 19).lanewise(XOR, x2.lanewise(ROR, 61))
          .lanewise(XOR, x2.lanewise(LSHR, 6));
      LongVector s0 = x15.lanewise(ROR, 1).lanewise(XOR, x15.lanewise(ROR, 8))
          .lanewise(XOR, x15.lanewise(LSHR, 7));
      s1.add(LongVector.fromArray(S, w, (t - 7) * L)).add(s0)
          .add(LongVector.fromArray(S, w, (t - 16) * L)).intoArray(w, t * L);
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
      LongVector s1 = e.lanewise(ROR, 14).lanewise(XOR, e.lanewise(ROR, 18))
          .lanewise(XOR, e.lanewise(ROR, 41));
      // Ch and Maj with xor/and/or: reliably compiled on every JDK (unlike BITWISE_BLEND).
      LongVector ch = g.lanewise(XOR, e.lanewise(AND, f.lanewise(XOR, g)));
      LongVector t1 = hh.add(s1).add(ch).add(K[t]).add(LongVector.fromArray(S, w, t * L));
      LongVector s0 = a.lanewise(ROR, 28).lanewise(XOR, a.lanewise(ROR, 34))
          .lanewise(XOR, a.lanewise(ROR, 39));
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
