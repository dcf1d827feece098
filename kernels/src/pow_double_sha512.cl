/*
 * pow_double_sha512.cl: Bitmessage proof-of-work search and its differential-test kernel.
 * Needs inc_sha512.h placed before it in the program sources.
 *
 * Trial value of a nonce n for an initial hash H (64 bytes):
 *   first 8 bytes, big-endian, of SHA-512(SHA-512(uint64_be(n) || H)).
 * Word view (no byte swaps anywhere):
 *   block 1 (72-byte message): w0 = n, w1..w8 = H as 8 big-endian words, w9 = 0x80<<56,
 *     w10..w14 = 0, w15 = 576 (bit length);
 *   block 2 (64-byte message): w0..w7 = the block-1 digest words, w8 = 0x80<<56,
 *     w9..w14 = 0, w15 = 512; the trial value is digest word 0.
 *
 * Build defines:
 *   NONCES_PER_ITEM  consecutive nonces each work-item of pow_search tests (default 16).
 */
#ifndef NONCES_PER_ITEM
#define NONCES_PER_ITEM 16
#endif

/* Words per job in the pow_search job table, and what each holds. */
#define JOB_WORDS 12
#define JOB_TARGET 8
#define JOB_FIRST 9
#define JOB_COUNT 10
#define JOB_PREV 11
/* JOB_PREV: the index of the same search in the previous launch's table, or NO_PREV. */
#define NO_PREV 0xffffffffffffffffUL

/* uints per job in the pow_search result table. */
#define RES_WORDS 2
#define RES_HITS 0
#define RES_MIN_OFFSET 1

/* Forced inlining: every call below sits in a hot loop, and an outlined call would keep the
 * schedule and state in memory. `static` (OpenCL C 1.2) gives the definition internal linkage, so
 * a compiler that declines a plain C99 `inline` still links; always_inline makes Clang-based
 * compilers (PoCL, NVIDIA, AMD) inline it, others ignore the attribute. */
#define POW_INLINE static inline __attribute__((always_inline))

/* Words of block 1 that do not depend on the nonce, and the schedule words built only from them:
 * W0 = nonce and W16, W18, W20, W22..W79 depend on it; W1..W15, W17, W19 and W21 do not. */
#define POW_B1_DEPENDS(t) ((t) == 0 || (t) == 16 || (t) == 18 || (t) == 20 || (t) >= 22)
#define POW_B1_CONSTS 22

/*
 * Once per work-item (they depend on the job only): wc[i] = the sum of the terms of block-1
 * schedule word W[16 + i] (i < 22) whose source word does not depend on the nonce; for the
 * nonce-free W17, W19, W21 that is the whole word. pow_trial_value adds the nonce-dependent terms.
 */
POW_INLINE void pow_block1_consts(const ulong ih[8], ulong wc[POW_B1_CONSTS]) {
  ulong w[16 + POW_B1_CONSTS];
  w[0] = 0; /* the nonce: never read below */
  for (int i = 0; i < 8; i++) {
    w[1 + i] = ih[i];
  }
  w[9] = 0x8000000000000000UL;
  w[10] = 0; w[11] = 0; w[12] = 0; w[13] = 0; w[14] = 0;
  w[15] = 576;
  for (int t = 16; t < 16 + POW_B1_CONSTS; t++) {
    ulong sum = 0;
    if (!POW_B1_DEPENDS(t - 2)) sum += SHA512_s1(w[t - 2]);
    if (!POW_B1_DEPENDS(t - 7)) sum += w[t - 7];
    if (!POW_B1_DEPENDS(t - 15)) sum += SHA512_s0(w[t - 15]);
    if (!POW_B1_DEPENDS(t - 16)) sum += w[t - 16];
    wc[t - 16] = sum;
    w[t] = sum; /* the whole word where it is nonce-free; unused otherwise */
  }
}

/*
 * The trial value of nonce n for initial-hash words ih[0..7], with wc[] from pow_block1_consts.
 * Block 1 expands W16..W37 as wc[] plus their nonce-dependent terms (ring index t % 16), the rest
 * of both blocks with the generic macros. Round 0 folds: its state is the IV (literals).
 */
POW_INLINE ulong pow_trial_value(const ulong n, const ulong ih[8], const ulong wc[POW_B1_CONSTS]) {
  ulong w[16];
  ulong st[8];
  w[0] = n;
  w[1] = ih[0]; w[2] = ih[1]; w[3] = ih[2]; w[4] = ih[3];
  w[5] = ih[4]; w[6] = ih[5]; w[7] = ih[6]; w[8] = ih[7];
  w[9] = 0x8000000000000000UL;
  w[10] = 0; w[11] = 0; w[12] = 0; w[13] = 0; w[14] = 0;
  w[15] = 576;
  st[0] = SHA512_IV0; st[1] = SHA512_IV1; st[2] = SHA512_IV2; st[3] = SHA512_IV3;
  st[4] = SHA512_IV4; st[5] = SHA512_IV5; st[6] = SHA512_IV6; st[7] = SHA512_IV7;
  {
    ulong a = st[0], b = st[1], c = st[2], d = st[3];
    ulong e = st[4], f = st[5], g = st[6], h = st[7];
    SHA512_ROUNDS16(w, 0);
    w[0] = wc[0] + n;                                           /* W16 += W0 */
    w[1] = wc[1];                                               /* W17 */
    w[2] = wc[2] + SHA512_s1(w[0]);                             /* W18 += s1(W16) */
    w[3] = wc[3];                                               /* W19 */
    w[4] = wc[4] + SHA512_s1(w[2]);                             /* W20 += s1(W18) */
    w[5] = wc[5];                                               /* W21 */
    w[6] = wc[6] + SHA512_s1(w[4]);                             /* W22 += s1(W20) */
    w[7] = wc[7] + w[0];                                        /* W23 += W16 */
    w[8] = wc[8] + SHA512_s1(w[6]);                             /* W24 += s1(W22) */
    w[9] = wc[9] + SHA512_s1(w[7]) + w[2];                      /* W25 += s1(W23) + W18 */
    w[10] = wc[10] + SHA512_s1(w[8]);                           /* W26 += s1(W24) */
    w[11] = wc[11] + SHA512_s1(w[9]) + w[4];                    /* W27 += s1(W25) + W20 */
    w[12] = wc[12] + SHA512_s1(w[10]);                          /* W28 += s1(W26) */
    w[13] = wc[13] + SHA512_s1(w[11]) + w[6];                   /* W29 += s1(W27) + W22 */
    w[14] = wc[14] + SHA512_s1(w[12]) + w[7];                   /* W30 += s1(W28) + W23 */
    w[15] = wc[15] + SHA512_s1(w[13]) + w[8] + SHA512_s0(w[0]); /* W31 += s1(W29) + W24 + s0(W16) */
    SHA512_ROUNDS16(w, 16);
    w[0] = wc[16] + SHA512_s1(w[14]) + w[9] + w[0];             /* W32: s0(W17) in wc */
    w[1] = wc[17] + SHA512_s1(w[15]) + w[10] + SHA512_s0(w[2]); /* W33: W17 in wc */
    w[2] = wc[18] + SHA512_s1(w[0]) + w[11] + w[2];             /* W34: s0(W19) in wc */
    w[3] = wc[19] + SHA512_s1(w[1]) + w[12] + SHA512_s0(w[4]);  /* W35: W19 in wc */
    w[4] = wc[20] + SHA512_s1(w[2]) + w[13] + w[4];             /* W36: s0(W21) in wc */
    w[5] = wc[21] + SHA512_s1(w[3]) + w[14] + SHA512_s0(w[6]);  /* W37: W21 in wc */
    SHA512_EXPAND(w, 6); SHA512_EXPAND(w, 7); SHA512_EXPAND(w, 8); SHA512_EXPAND(w, 9);
    SHA512_EXPAND(w, 10); SHA512_EXPAND(w, 11); SHA512_EXPAND(w, 12); SHA512_EXPAND(w, 13);
    SHA512_EXPAND(w, 14); SHA512_EXPAND(w, 15);
    SHA512_ROUNDS16(w, 32);
    SHA512_EXPAND16(w); SHA512_ROUNDS16(w, 48);
    SHA512_EXPAND16(w); SHA512_ROUNDS16(w, 64);
    st[0] += a; st[1] += b; st[2] += c; st[3] += d;
    st[4] += e; st[5] += f; st[6] += g; st[7] += h;
  }

  w[0] = st[0]; w[1] = st[1]; w[2] = st[2]; w[3] = st[3];
  w[4] = st[4]; w[5] = st[5]; w[6] = st[6]; w[7] = st[7];
  w[8] = 0x8000000000000000UL;
  w[9] = 0; w[10] = 0; w[11] = 0; w[12] = 0; w[13] = 0; w[14] = 0;
  w[15] = 512;
  st[0] = SHA512_IV0; st[1] = SHA512_IV1; st[2] = SHA512_IV2; st[3] = SHA512_IV3;
  st[4] = SHA512_IV4; st[5] = SHA512_IV5; st[6] = SHA512_IV6; st[7] = SHA512_IV7;
  /* Only st[0] is read afterwards; the compiler drops the other final additions. */
  SHA512_TRANSFORM(w, st);
  return st[0];
}

/*
 * pow_search: several jobs per launch, 2-D range: dimension 1 picks the job, dimension 0 the
 * work-item within the job.
 *
 * Inputs:
 *   jobs[JOB_WORDS * j + 0..7]  initial-hash words of job j (big-endian meaning)
 *   jobs[JOB_WORDS * j + 8]     target: a nonce is good when trial <= target (unsigned)
 *   jobs[JOB_WORDS * j + 9]     first nonce of this launch's range of job j
 *   jobs[JOB_WORDS * j + 10]    nonces of job j in this launch (< 2^32; 0 = job idle)
 *   jobs[JOB_WORDS * j + 11]    index of the same search (the nonces right before these) in the
 *                               previous launch, whose results are prev_results; NO_PREV if none
 * Work-item (i, j) tests offsets i*NONCES_PER_ITEM .. +NONCES_PER_ITEM-1 below the count;
 * nonce = first + offset, modulo 2^64.
 * Output, per job j (the host zeroes hits and sets min_offset to 0xffffffff before a launch;
 * the kernel never resets them):
 *   results[RES_WORDS * j + 0]  hits: work-items that found a good nonce (0 = not found)
 *   results[RES_WORDS * j + 1]  smallest good offset, valid only when hits > 0
 * Keeping the smallest offset (atomic_min, 32-bit core atomics) makes the answer the same on
 * every device and launch size: the first good nonce in scan order.
 * Early stop: a work-item returns as soon as its job holds an offset below the one it is about
 * to test (nothing it could still find would be smaller), or when the previous launch of the same
 * search found an answer (those nonces come first). Launches run in queue order, so the previous
 * launch's results are complete when this one starts.
 */
__kernel void pow_search(__global const ulong *jobs, __global volatile uint *results,
                         __global const uint *prev_results) {
  const uint job = (uint) get_global_id(1);
  __global const ulong *entry = jobs + JOB_WORDS * job;
  const ulong count = entry[JOB_COUNT];
  const ulong begin64 = (ulong) get_global_id(0) * NONCES_PER_ITEM;
  if (begin64 >= count) {
    return;
  }
  const ulong prev = entry[JOB_PREV];
  if (prev != NO_PREV && prev_results[RES_WORDS * prev + RES_HITS] != 0) {
    return;
  }
  __global volatile uint *res = results + RES_WORDS * job;
  /* Offsets are below count < 2^32: 32-bit loop arithmetic is cheaper on GPUs. */
  const uint begin = (uint) begin64;
  const uint end = (uint) min(begin64 + NONCES_PER_ITEM, count);
  ulong ih[8];
  for (int i = 0; i < 8; i++) {
    ih[i] = entry[i];
  }
  ulong wc[POW_B1_CONSTS];
  pow_block1_consts(ih, wc);
  const ulong target = entry[JOB_TARGET];
  const ulong first = entry[JOB_FIRST];
  for (uint offset = begin; offset < end; offset++) {
    if (res[RES_MIN_OFFSET] < offset) {
      return; /* another item of this job already found a smaller offset */
    }
    if (pow_trial_value(first + offset, ih, wc) <= target) {
      atomic_inc(&res[RES_HITS]);
      atomic_min(&res[RES_MIN_OFFSET], offset);
      return; /* later offsets of this item are larger: nothing better here */
    }
  }
}

/*
 * pow_trial_values: differential-test kernel. 1-D range.
 * Inputs: ih[0..7] initial-hash words, first nonce, count.
 * Output: out[i] = trial value of nonce first + i (mod 2^64) for every i < count.
 * Same code path as pow_search (pow_block1_consts + pow_trial_value), so the differential test
 * covers the search's arithmetic.
 */
__kernel void pow_trial_values(__global const ulong *ih_in, const ulong first, const uint count,
                               __global ulong *out) {
  const uint i = (uint) get_global_id(0);
  if (i >= count) {
    return;
  }
  ulong ih[8];
  for (int k = 0; k < 8; k++) {
    ih[k] = ih_in[k];
  }
  ulong wc[POW_B1_CONSTS];
  pow_block1_consts(ih, wc);
  out[i] = pow_trial_value(first + i, ih, wc);
}
