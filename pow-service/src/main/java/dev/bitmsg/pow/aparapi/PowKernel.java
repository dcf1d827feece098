package dev.bitmsg.pow.aparapi;

import com.aparapi.Kernel;
import dev.bitmsg.pow.Sha512Constants;

/**
 * The proof-of-work search as an Aparapi kernel: Aparapi translates this bytecode to OpenCL C. Same
 * contract as {@code pow_search} / {@code pow_trial_values} of {@code pow_double_sha512.cl} (job
 * table of 12 longs per job: 8 initial-hash words, target, first nonce, count, padding; per job a
 * hit count). Written within Aparapi's subset: primitive arrays and fields only, no allocation, no
 * long unsigned compare (the sign bit is flipped instead), private arrays declared with {@link
 * PrivateMemorySpace}, and {@code atomicAdd(int[], index, delta)} as the only atomic: Aparapi 3.0.2
 * does not copy {@code AtomicInteger[]} results back, so there is no atomic_min. Instead each
 * hitting work-item claims a slot with {@code atomicAdd} on the job's hit count and, when the slot
 * is below {@link #HIT_SLOTS}, writes its first good offset there (one writer per slot, no races);
 * the host takes the smallest and narrows the range when slots overflowed. {@link #mode} picks the
 * search ({@link #SEARCH}) or the trial-value dump ({@link #TRIALS}). Not thread-safe: one launch
 * at a time, driven by {@link AparapiScanner}.
 */
final class PowKernel extends Kernel {
  static final int SEARCH = 0;
  static final int TRIALS = 1;
  static final int JOB_WORDS = 12;
  static final int HIT_SLOTS = 16;

  @Constant final long[] k = Sha512Constants.roundConstants();

  @Constant final long[] iv = Sha512Constants.initialHashValue();

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
        w[j] =
            w[j]
                + (rotr(w2, 19) ^ rotr(w2, 61) ^ (w2 >>> 6))
                + w[(t - 7) & 15]
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
