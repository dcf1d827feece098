#!/usr/bin/env python3
"""Generates SimdKernel.java: the Vector API proof-of-work kernel.

Why generated: HotSpot only compiles (and keeps vectors unboxed in) straight-line code of
moderate size, so the 2 x 80 SHA-512 rounds are unrolled into methods of ROUNDS_PER_METHOD
rounds each, handing state over through small long[] arrays. Constant message words and the
constant first round are folded here, at generation time.

Usage: python3 gen_simd_kernel.py > ../src/main/java/dev/bitmsg/pow/SimdKernel.java
"""
import sys

M64 = (1 << 64) - 1
ROUNDS_PER_METHOD = 8

K = [
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
]
IV = [
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
    0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
]


def lit(c):
    return "0x%016xL" % (c & M64)


class Val:
    """A 64-bit lane value: a compile-time constant (c), a per-job Java scalar (j) or a vector."""

    def __init__(self, kind, v):
        self.kind, self.v = kind, v


def C(x):
    return Val("c", x & M64)


class Gen:
    def __init__(self):
        self.lines = []
        self.n = 0

    def tmp(self, expr):
        name = "v%d" % self.n
        self.n += 1
        self.lines.append("    LongVector %s = %s;" % (name, expr))
        return Val("v", name)

    def scalar_expr(self, vals):
        consts = sum(x.v for x in vals if x.kind == "c") & M64
        parts = [x.v for x in vals if x.kind == "j"]
        if consts or not parts:
            parts.append(lit(consts))
        return " + ".join(parts) if len(parts) == 1 else "(" + " + ".join(parts) + ")"

    def binop(self, op, x, y, pyop):
        if x.kind == "c" and y.kind == "c":
            return C(pyop(x.v, y.v))
        if x.kind != "v" and y.kind != "v":
            raise ValueError("scalar-only op on job values is not generated")
        if x.kind != "v":
            x, y = y, x
        if y.kind == "v":
            arg = y.v
        elif y.kind == "c":
            arg = lit(y.v)
        else:
            arg = y.v
        if op == "ADD":
            return self.tmp("%s.add(%s)" % (x.v, arg))
        return self.tmp("%s.lanewise(%s, %s)" % (x.v, op, arg))

    def add(self, *vals):
        vecs = [x for x in vals if x.kind == "v"]
        scal = [x for x in vals if x.kind != "v"]
        if not vecs:
            if any(x.kind == "j" for x in scal):
                raise ValueError("job-only sum")
            return C(sum(x.v for x in scal))
        acc = vecs[0]
        for x in vecs[1:]:
            acc = self.tmp("%s.add(%s)" % (acc.v, x.v))
        if scal and not (all(x.kind == "c" for x in scal) and sum(x.v for x in scal) & M64 == 0):
            acc = self.tmp("%s.add(%s)" % (acc.v, self.scalar_expr(scal)))
        return acc

    def xor(self, x, y):
        return self.binop("XOR", x, y, lambda a, b: a ^ b)

    def and_(self, x, y):
        return self.binop("AND", x, y, lambda a, b: a & b)

    def or_(self, x, y):
        return self.binop("OR", x, y, lambda a, b: a | b)

    def ror(self, x, n):
        if x.kind == "c":
            return C((x.v >> n) | (x.v << (64 - n)))
        return self.tmp("%s.lanewise(ROR, %d)" % (x.v, n))

    def shr(self, x, n):
        if x.kind == "c":
            return C(x.v >> n)
        return self.tmp("%s.lanewise(LSHR, %d)" % (x.v, n))

    def big_sigma0(self, a):
        return self.xor(self.xor(self.ror(a, 28), self.ror(a, 34)), self.ror(a, 39))

    def big_sigma1(self, e):
        return self.xor(self.xor(self.ror(e, 14), self.ror(e, 18)), self.ror(e, 41))

    def small_sigma0(self, x):
        return self.xor(self.xor(self.ror(x, 1), self.ror(x, 8)), self.shr(x, 7))

    def small_sigma1(self, x):
        return self.xor(self.xor(self.ror(x, 19), self.ror(x, 61)), self.shr(x, 6))


def hash_methods(out, prefix, word_kind, first_method_setup, kw_scalar, finish, message_array):
    """Emits the methods of one compression.

    word_kind(t) -> 'v' (nonce dependent), 'j' (per job scalar, hash 1 only) or ('c', value)
    first_method_setup(gen) -> dict of W[t] Val available at the start (t < 16 vectors).
    message_array: the array later methods read the nonce-dependent words t < 16 from.
    kw_scalar(t) -> Val added to T1 in round t for K[t] plus a non-vector W[t].
    finish(gen, A, E) -> emits the tail of the last method.
    """
    groups = []
    t = 1
    first = True
    while t < 80:
        end = min(t + ROUNDS_PER_METHOD if not first else t + ROUNDS_PER_METHOD - 1, 80)
        groups.append((t, end))
        t = end
        first = False
    # vector W[t] used in a later method than the one computing it must go through the array
    method_of = {}
    for gi, (s, e) in enumerate(groups):
        for r in range(s, e):
            method_of[r] = gi
    method_of[0] = 0

    for gi, (s, e) in enumerate(groups):
        g = Gen()
        W = {}
        if gi == 0:
            W.update(first_method_setup(g))
            # folded round 0: the state is the IV, W0 is the only vector input
            a, b, c, d, ee, f, gg, h = [C(x) for x in IV]
            t1 = g.add(h, g.big_sigma1(ee), g.xor(gg, g.and_(ee, g.xor(f, gg))), kw_scalar(0), W[0])
            t2 = g.add(g.big_sigma0(a), g.or_(g.and_(a, b), g.and_(c, g.or_(a, b))))
            A = {1: g.add(t1, t2), 0: a, -1: b, -2: c}
            E = {1: g.add(d, t1), 0: ee, -1: f, -2: gg}
        else:
            A, E = {}, {}
            for i in range(4):
                A[s - i] = g.tmp("LongVector.fromArray(S, st, %d * L)" % i)
                E[s - i] = g.tmp("LongVector.fromArray(S, st, %d * L)" % (4 + i))

        def word(t):
            if t in W:
                return W[t]
            k = word_kind(t)
            if k == "j":
                return Val("j", "wc[%d]" % t)
            if isinstance(k, tuple):
                return C(k[1])
            if t < 16:
                W[t] = g.tmp("LongVector.fromArray(S, %s, %d * L)" % (message_array, t))
                return W[t]
            if method_of.get(t, -1) != gi:
                W[t] = g.tmp("LongVector.fromArray(S, w, %d * L)" % t)
                return W[t]
            # compute the vector word from its four sources; scalar sources are folded in wc[t]
            terms = []
            scalar_part = []
            for src, fn in ((t - 2, g.small_sigma1), (t - 7, None), (t - 15, g.small_sigma0), (t - 16, None)):
                ks = word_kind(src)
                if ks == "v":
                    x = word(src)
                    terms.append(fn(x) if fn else x)
                elif isinstance(ks, tuple):
                    x = C(ks[1])
                    scalar_part.append(fn(x) if fn else x)
                else:
                    scalar_part.append(None)  # per job, folded in wc[t]
            if any(x is None for x in scalar_part):
                extra = [Val("j", "wc[%d]" % t)]  # wc[t] holds every nonce-independent term
            else:
                extra = scalar_part
            val = g.add(*terms, *extra)
            W[t] = val
            if any(method_of.get(u, 99) != gi and u < 80 for u in (t + 2, t + 7, t + 15, t + 16)):
                g.lines.append("    %s.intoArray(w, %d * L);" % (val.v, t))
            return val

        last = e == 80
        for r in range(s, e):
            a, b, c, d = A[r], A[r - 1], A[r - 2], A[r - 3]
            ee, f, gg, h = E[r], E[r - 1], E[r - 2], E[r - 3]
            wk = word_kind(r)
            wv = [word(r)] if wk == "v" else []
            t1 = g.add(h, g.big_sigma1(ee), g.xor(gg, g.and_(ee, g.xor(f, gg))), kw_scalar(r), *wv)
            t2 = g.add(g.big_sigma0(a), g.or_(g.and_(a, b), g.and_(c, g.or_(a, b))))
            A[r + 1] = g.add(t1, t2)
            if not (last and r == 79 and prefix == "second"):
                E[r + 1] = g.add(d, t1)
        if last:
            finish(g, A, E)
        else:
            for i in range(4):
                for arr, off in ((A, 0), (E, 4)):
                    v = arr[e - i]
                    if v.kind == "c":
                        v = g.tmp("LongVector.broadcast(S, %s)" % lit(v.v))
                    g.lines.append("    %s.intoArray(st, %d * L);" % (v.v, off + i))
        ret = "int" if (last and prefix == "second") else "void"
        params = "long base" if gi == 0 and prefix == "first" else ""
        out.append("  private %s %s%d(%s) {" % (ret, prefix, gi, params))
        out.extend(g.lines)
        out.append("  }")
        out.append("")
    return len(groups)


def word_kind_first(t):
    if t == 0:
        return "v"
    if 1 <= t <= 8:
        return "j"
    if 9 <= t <= 15:
        return ("c", [1 << 63, 0, 0, 0, 0, 0, 72 * 8][t - 9])
    srcs = [word_kind_first(u) for u in (t - 2, t - 7, t - 15, t - 16)]
    if any(k == "v" for k in srcs):
        return "v"
    return "j"


def word_kind_second(t):
    if t < 8:
        return "v"
    if t < 16:
        return ("c", [1 << 63, 0, 0, 0, 0, 0, 0, 64 * 8][t - 8])
    srcs = [word_kind_second(u) for u in (t - 2, t - 7, t - 15, t - 16)]
    if any(k == "v" for k in srcs):
        return "v"
    raise AssertionError("second hash has no constant schedule words past 15")


def main():
    out = []
    vec_first = [word_kind_first(t) == "v" for t in range(80)]

    def first_setup(g):
        w0 = g.tmp("LongVector.broadcast(S, base).add(LongVector.fromArray(S, iota, 0))")
        g.lines.append("    %s.intoArray(w, 0);" % w0.v)
        return {0: w0}

    def first_finish(g, A, E):
        # the first hash's output is the second hash's message: IV + final state
        regs = [A[80], A[79], A[78], A[77], E[80], E[79], E[78], E[77]]
        for i, v in enumerate(regs):
            h = g.add(v, C(IV[i]))
            g.lines.append("    %s.intoArray(m, %d * L);" % (h.v, i))

    def second_setup(g):
        return {t: g.tmp("LongVector.fromArray(S, m, %d * L)" % t) for t in range(8)}

    def second_finish(g, A, E):
        trial = g.add(A[80], C(IV[0]))
        g.lines.append("    %s.intoArray(tv, 0);" % trial.v)
        g.lines.append(
            "    return %s.lanewise(XOR, Long.MIN_VALUE).compare(LE, targetFlipped).firstTrue();"
            % trial.v)

    def kw_first(t):
        return C(K[t]) if word_kind_first(t) == "v" else Val("j", "kw[%d]" % t)

    def kw_second(t):
        k = word_kind_second(t)
        return C(K[t] + (k[1] if isinstance(k, tuple) else 0))

    body = []
    n1 = hash_methods(body, "first", word_kind_first, first_setup, kw_first, first_finish, "w")
    n2 = hash_methods(body, "second", lambda t: word_kind_second(t), second_setup, kw_second,
                      second_finish, "m")
    # round 0 of the first hash uses K[0] only: its W0 is the nonce vector
    src = TEMPLATE
    src = src.replace("@VEC_FIRST@", ", ".join("true" if v else "false" for v in vec_first))
    src = src.replace("@K@", ",\n      ".join(
        ", ".join(lit(k) for k in K[i:i + 4]) for i in range(0, 80, 4)))
    calls = ["    first0(base);"] + ["    first%d();" % i for i in range(1, n1)]
    calls += ["    second%d();" % i for i in range(0, n2 - 1)]
    calls += ["    return second%d();" % (n2 - 1)]
    src = src.replace("@CALLS@", "\n".join(calls))
    src = src.replace("@METHODS@", "\n".join(body).rstrip() + "\n")
    sys.stdout.write(src)


TEMPLATE = """package dev.bitmsg.pow;

import static jdk.incubator.vector.VectorOperators.AND;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.OR;
import static jdk.incubator.vector.VectorOperators.ROR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Proof-of-work trials for one vector of consecutive nonces at a time (one nonce per lane) with
 * the incubating Vector API: the fixed 72-byte SHA-512 of {@code nonce || initialHash} and the
 * fixed 64-byte SHA-512 of that, computing only the first output word of the second.
 *
 * <p>GENERATED by {@code fallback-cpu/tools/gen_simd_kernel.py}; edit the generator, not this
 * file. The rounds are unrolled into methods small enough for HotSpot to compile with vectors kept
 * in registers; state passes between them through the small arrays below. Constant message words
 * (padding, length, the initial hash) are folded per job into {@code kw}/{@code wc}.
 *
 * <p>Loading this class needs the {@code jdk.incubator.vector} module: only {@link SimdScanner}
 * touches it, after checking. Not thread-safe: one instance per thread.
 */
final class SimdKernel {
  static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
  static final int L = S.length();

  private static final long[] K = {
      @K@
  };
  /** Whether word t of the first message schedule depends on the nonce. */
  private static final boolean[] VEC_FIRST = {@VEC_FIRST@};

  private final long[] iota = new long[L];
  private final long[] st = new long[8 * L];
  private final long[] w = new long[80 * L];
  private final long[] m = new long[8 * L];
  /** The last vector's trial values, lane order. */
  private final long[] tv = new long[L];
  /** Per job: K[t] plus W[t] where W[t] does not depend on the nonce (first hash). */
  private final long[] kw = new long[80];
  /** Per job: the nonce-independent part of W[t] (first hash). */
  private final long[] wc = new long[80];
  private long targetFlipped;

  SimdKernel() {
    for (int i = 0; i < L; i++) {
      iota[i] = i;
    }
  }

  /** Prepares the per-job constants for {@code hash} and {@code target}. */
  void setJob(InitialHash hash, long target) {
    long[] word = new long[80];
    for (int t = 1; t <= 8; t++) {
      word[t] = hash.word(t - 1);
    }
    word[9] = Long.MIN_VALUE; // the 0x80 padding byte right after the 72 message bytes
    word[15] = 72 * 8; // message length in bits
    for (int t = 1; t < 16; t++) {
      wc[t] = word[t];
    }
    for (int t = 16; t < 80; t++) {
      long sum = 0;
      if (!VEC_FIRST[t - 2]) {
        sum += sigma1(word[t - 2]);
      }
      if (!VEC_FIRST[t - 7]) {
        sum += word[t - 7];
      }
      if (!VEC_FIRST[t - 15]) {
        sum += sigma0(word[t - 15]);
      }
      if (!VEC_FIRST[t - 16]) {
        sum += word[t - 16];
      }
      wc[t] = sum;
      word[t] = VEC_FIRST[t] ? 0 : sum;
    }
    for (int t = 0; t < 80; t++) {
      kw[t] = K[t] + (VEC_FIRST[t] ? 0 : word[t]);
    }
    targetFlipped = target ^ Long.MIN_VALUE;
  }

  /**
   * Computes the trials of nonces {@code base .. base + L - 1}; returns the first lane whose trial
   * value meets the target, or {@code L} when none does. The values are then in {@link #trial}.
   */
  int run(long base) {
@CALLS@
  }

  /** Trial value of lane {@code i} of the last {@link #run}. */
  long trial(int i) {
    return tv[i];
  }

  private static long sigma0(long x) {
    return Long.rotateRight(x, 1) ^ Long.rotateRight(x, 8) ^ (x >>> 7);
  }

  private static long sigma1(long x) {
    return Long.rotateRight(x, 19) ^ Long.rotateRight(x, 61) ^ (x >>> 6);
  }

@METHODS@}
"""

if __name__ == "__main__":
    main()
