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
/* Word 11 is padding (keeps each entry 32-byte aligned). */

/* uints per job in the pow_search result table. */
#define RES_WORDS 2
#define RES_HITS 0
#define RES_MIN_OFFSET 1

/* The trial value of nonce n for initial-hash words ih[0..7]. Not declared inline: an OpenCL C
 * (C99) inline definition without an external one fails to link where a compiler declines to
 * inline it; every compiler inlines this anyway. */
ulong pow_trial_value(const ulong n, const ulong ih[8]) {
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
  SHA512_TRANSFORM(w, st);

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
 * Work-item (i, j) tests offsets i*NONCES_PER_ITEM .. +NONCES_PER_ITEM-1 below the count;
 * nonce = first + offset, modulo 2^64.
 * Output, per job j (the host zeroes hits and sets min_offset to 0xffffffff before a launch;
 * the kernel never resets them):
 *   results[RES_WORDS * j + 0]  hits: work-items that found a good nonce (0 = not found)
 *   results[RES_WORDS * j + 1]  smallest good offset, valid only when hits > 0
 * Keeping the smallest offset (atomic_min, 32-bit core atomics) makes the answer the same on
 * every device and launch size: the first good nonce in scan order.
 */
__kernel void pow_search(__global const ulong *jobs, __global volatile uint *results) {
  const uint job = (uint) get_global_id(1);
  __global const ulong *entry = jobs + JOB_WORDS * job;
  const ulong count = entry[JOB_COUNT];
  const ulong begin64 = (ulong) get_global_id(0) * NONCES_PER_ITEM;
  if (begin64 >= count) {
    return;
  }
  /* Offsets are below count < 2^32: 32-bit loop arithmetic is cheaper on GPUs. */
  const uint begin = (uint) begin64;
  const uint end = (uint) min(begin64 + NONCES_PER_ITEM, count);
  ulong ih[8];
  for (int i = 0; i < 8; i++) {
    ih[i] = entry[i];
  }
  const ulong target = entry[JOB_TARGET];
  const ulong first = entry[JOB_FIRST];
  for (uint offset = begin; offset < end; offset++) {
    if (pow_trial_value(first + offset, ih) <= target) {
      atomic_inc(&results[RES_WORDS * job + RES_HITS]);
      atomic_min(&results[RES_WORDS * job + RES_MIN_OFFSET], offset);
      return; /* later offsets of this item are larger: nothing better here */
    }
  }
}

/*
 * pow_trial_values: differential-test kernel. 1-D range.
 * Inputs: ih[0..7] initial-hash words, first nonce, count.
 * Output: out[i] = trial value of nonce first + i (mod 2^64) for every i < count.
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
  out[i] = pow_trial_value(first + i, ih);
}
