package dev.bitmsg.pow.aparapi;

import com.aparapi.Kernel;

/**
 * The proof-of-work search as an Aparapi kernel: Aparapi translates this bytecode to OpenCL C.
 * Same contract as {@code pow_search} / {@code pow_trial_values} of {@code pow_double_sha512.cl}
 * (job table of 12 longs per job: 8 initial-hash words, target, first nonce, count, padding;
 * per job a hit count). Written within Aparapi's subset: primitive arrays and fields only, no
 * allocation, no long unsigned compare (the sign bit is flipped instead), private arrays declared
 * with {@link PrivateMemorySpace}, and {@code atomicAdd(int[], index, delta)} as the only atomic:
 * Aparapi 3.0.2 does not copy {@code AtomicInteger[]} results back, so there is no atomic_min.
 * Instead each hitting work-item claims a slot with {@code atomicAdd} on the job's hit count and,
 * when the slot is below {@link #HIT_SLOTS}, writes its first good offset there (one writer per
 * slot, no races); the host takes the smallest and narrows the range when slots overflowed.
 * {@link #mode} picks the search ({@link #SEARCH}) or the trial-value dump ({@link #TRIALS}).
 * Not thread-safe: one launch at a time, driven by {@link AparapiScanner}.
 */
final class PowKernel extends Kernel {
  static final int SEARCH = 0;
  static final int TRIALS = 1;
  static final int JOB_WORDS = 12;
  static final int HIT_SLOTS = 16;

  @Constant
  final long[] k = {
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
    0x4cc5d4becb3e42b6L, 0x597f299cfc657e2aL, 0x5fcb6fab3ad6faecL, 0x6c44198c4a475817L
  };

  @Constant
  final long[] iv = {
    0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
    0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L
  };

  /** Work-item private: message schedule ring, chaining state, initial-hash words. */
  @PrivateMemorySpace(16)
  final long[] w = new long[16];

  @PrivateMemorySpace(8)
  final long[] st = new long[8];

  @PrivateMemorySpace(8)
  final long[] ih = new long[8];

  // Inputs and outputs; replaced by the host between launches.
  long[] jobs;
  int[] hits;
  int[] hitOffsets;
  long[] trialOut;
  int mode;
  int noncesPerItem;
  long trialFirst;
  int trialCount;

  PowKernel(int maxJobs, int noncesPerItem, int maxTrials) {
    this.jobs = new long[maxJobs * JOB_WORDS];
    this.hits = new int[maxJobs];
    this.hitOffsets = new int[maxJobs * HIT_SLOTS];
    this.trialOut = new long[maxTrials];
    this.noncesPerItem = noncesPerItem;
  }

  @Override
  public void run() {
    if (mode == SEARCH) {
      search();
    } else {
      trialValues();
    }
  }

  private void search() {
    int job = getGlobalId(1);
    int base = job * JOB_WORDS;
    long count = jobs[base + 10];
    long begin = (long) getGlobalId(0) * noncesPerItem;
    if (begin < count) {
      for (int i = 0; i < 8; i++) {
        ih[i] = jobs[base + i];
      }
      long target = jobs[base + 8] ^ Long.MIN_VALUE;
      long first = jobs[base + 9];
      long end = begin + noncesPerItem;
      if (end > count) {
        end = count;
      }
      long offset = begin;
      while (offset < end) {
        if ((trial(first + offset) ^ Long.MIN_VALUE) <= target) {
          int slot = atomicAdd(hits, job, 1);
          if (slot < HIT_SLOTS) {
            hitOffsets[job * HIT_SLOTS + slot] = (int) offset;
          }
          offset = end; // later offsets of this item are larger
        } else {
          offset = offset + 1;
        }
      }
    }
  }

  private void trialValues() {
    int i = getGlobalId(0);
    if (i < trialCount) {
      for (int j = 0; j < 8; j++) {
        ih[j] = jobs[j];
      }
      trialOut[i] = trial(trialFirst + i);
    }
  }

  /** Double SHA-512 of the 72-byte block (nonce || initial hash); returns digest word 0. */
  private long trial(long nonce) {
    w[0] = nonce;
    for (int i = 0; i < 8; i++) {
      w[i + 1] = ih[i];
    }
    w[9] = 0x8000000000000000L;
    for (int i = 10; i < 15; i++) {
      w[i] = 0;
    }
    w[15] = 576;
    compressFromIv();
    for (int i = 0; i < 8; i++) {
      w[i] = st[i];
    }
    w[8] = 0x8000000000000000L;
    for (int i = 9; i < 15; i++) {
      w[i] = 0;
    }
    w[15] = 512;
    compressFromIv();
    return st[0];
  }

  /** st = IV + compress(IV, w); w is consumed as the schedule ring. */
  private void compressFromIv() {
    long a = iv[0];
    long b = iv[1];
    long c = iv[2];
    long d = iv[3];
    long e = iv[4];
    long f = iv[5];
    long g = iv[6];
    long h = iv[7];
    for (int t = 0; t < 80; t++) {
      int j = t & 15;
      if (t >= 16) {
        long w2 = w[(t - 2) & 15];
        long w15 = w[(t - 15) & 15];
        w[j] = w[j] + (rotr(w2, 19) ^ rotr(w2, 61) ^ (w2 >>> 6)) + w[(t - 7) & 15]
            + (rotr(w15, 1) ^ rotr(w15, 8) ^ (w15 >>> 7));
      }
      long t1 = h + (rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)) + ((e & f) ^ (~e & g)) + k[t] + w[j];
      long t2 = (rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    st[0] = iv[0] + a;
    st[1] = iv[1] + b;
    st[2] = iv[2] + c;
    st[3] = iv[3] + d;
    st[4] = iv[4] + e;
    st[5] = iv[5] + f;
    st[6] = iv[6] + g;
    st[7] = iv[7] + h;
  }

  private long rotr(long x, int n) {
    return (x >>> n) | (x << (64 - n));
  }
}
