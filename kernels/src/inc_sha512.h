/*
 * inc_sha512.h: SHA-512 building blocks shared by the proof-of-work kernels.
 *
 * Contract:
 *  - Message words and state words are ulong values with big-endian meaning: word i of a block
 *    is bytes 8i..8i+7 of the message read most significant byte first. Callers build blocks
 *    from such words directly; nothing here swaps bytes.
 *  - SHA512_TRANSFORM(w, st) runs the 80 rounds of one compression on the 16 message words
 *    w[0..15] (a private ulong[16], overwritten by the schedule) and ADDS the result into the
 *    chaining state st[0..7] (a private ulong[8]), as FIPS 180-4 section 6.4.2 prescribes.
 *  - No padding is done here: callers fold the padding and length words in as constants.
 *
 * Included by concatenation: the host passes this file's text before the kernel source to
 * clCreateProgramWithSource, so no -I path is needed (and none works from inside a jar).
 */
#ifndef BITMSG_INC_SHA512_H
#define BITMSG_INC_SHA512_H

/* rotate() rotates left; SHA-512 is specified with right rotations. */
#define SHA512_ROTR(x, n) rotate((ulong) (x), (ulong) (64 - (n)))

#define SHA512_S0(a) (SHA512_ROTR(a, 28) ^ SHA512_ROTR(a, 34) ^ SHA512_ROTR(a, 39))
#define SHA512_S1(e) (SHA512_ROTR(e, 14) ^ SHA512_ROTR(e, 18) ^ SHA512_ROTR(e, 41))
#define SHA512_s0(x) (SHA512_ROTR(x, 1) ^ SHA512_ROTR(x, 8) ^ ((x) >> 7))
#define SHA512_s1(x) (SHA512_ROTR(x, 19) ^ SHA512_ROTR(x, 61) ^ ((x) >> 6))
/* bitselect(c, b, a) = a ? b : c bitwise, i.e. (a & b) | (~a & c). */
#define SHA512_CH(e, f, g) bitselect((g), (f), (e))
#define SHA512_MAJ(a, b, c) bitselect((a), (b), ((c) ^ (a)))

#define SHA512_IV0 0x6a09e667f3bcc908UL
#define SHA512_IV1 0xbb67ae8584caa73bUL
#define SHA512_IV2 0x3c6ef372fe94f82bUL
#define SHA512_IV3 0xa54ff53a5f1d36f1UL
#define SHA512_IV4 0x510e527fade682d1UL
#define SHA512_IV5 0x9b05688c2b3e6c1fUL
#define SHA512_IV6 0x1f83d9abfb41bd6bUL
#define SHA512_IV7 0x5be0cd19137e2179UL

__constant ulong SHA512_K[80] = {
  0x428a2f98d728ae22UL, 0x7137449123ef65cdUL, 0xb5c0fbcfec4d3b2fUL, 0xe9b5dba58189dbbcUL,
  0x3956c25bf348b538UL, 0x59f111f1b605d019UL, 0x923f82a4af194f9bUL, 0xab1c5ed5da6d8118UL,
  0xd807aa98a3030242UL, 0x12835b0145706fbeUL, 0x243185be4ee4b28cUL, 0x550c7dc3d5ffb4e2UL,
  0x72be5d74f27b896fUL, 0x80deb1fe3b1696b1UL, 0x9bdc06a725c71235UL, 0xc19bf174cf692694UL,
  0xe49b69c19ef14ad2UL, 0xefbe4786384f25e3UL, 0x0fc19dc68b8cd5b5UL, 0x240ca1cc77ac9c65UL,
  0x2de92c6f592b0275UL, 0x4a7484aa6ea6e483UL, 0x5cb0a9dcbd41fbd4UL, 0x76f988da831153b5UL,
  0x983e5152ee66dfabUL, 0xa831c66d2db43210UL, 0xb00327c898fb213fUL, 0xbf597fc7beef0ee4UL,
  0xc6e00bf33da88fc2UL, 0xd5a79147930aa725UL, 0x06ca6351e003826fUL, 0x142929670a0e6e70UL,
  0x27b70a8546d22ffcUL, 0x2e1b21385c26c926UL, 0x4d2c6dfc5ac42aedUL, 0x53380d139d95b3dfUL,
  0x650a73548baf63deUL, 0x766a0abb3c77b2a8UL, 0x81c2c92e47edaee6UL, 0x92722c851482353bUL,
  0xa2bfe8a14cf10364UL, 0xa81a664bbc423001UL, 0xc24b8b70d0f89791UL, 0xc76c51a30654be30UL,
  0xd192e819d6ef5218UL, 0xd69906245565a910UL, 0xf40e35855771202aUL, 0x106aa07032bbd1b8UL,
  0x19a4c116b8d2d0c8UL, 0x1e376c085141ab53UL, 0x2748774cdf8eeb99UL, 0x34b0bcb5e19b48a8UL,
  0x391c0cb3c5c95a63UL, 0x4ed8aa4ae3418acbUL, 0x5b9cca4f7763e373UL, 0x682e6ff3d6b2b8a3UL,
  0x748f82ee5defb2fcUL, 0x78a5636f43172f60UL, 0x84c87814a1f0ab72UL, 0x8cc702081a6439ecUL,
  0x90befffa23631e28UL, 0xa4506cebde82bde9UL, 0xbef9a3f7b2c67915UL, 0xc67178f2e372532bUL,
  0xca273eceea26619cUL, 0xd186b8c721c0c207UL, 0xeada7dd6cde0eb1eUL, 0xf57d4f7fee6ed178UL,
  0x06f067aa72176fbaUL, 0x0a637dc5a2c898a6UL, 0x113f9804bef90daeUL, 0x1b710b35131c471bUL,
  0x28db77f523047d84UL, 0x32caab7b40c72493UL, 0x3c9ebe0a15c9bebcUL, 0x431d67c49c100d4cUL,
  0x4cc5d4becb3e42b6UL, 0x597f299cfc657e2aUL, 0x5fcb6fab3ad6faecUL, 0x6c44198c4a475817UL
};

/* One round: t1 = h + S1(e) + Ch(e,f,g) + k + w; d += t1; h = t1 + S0(a) + Maj(a,b,c).
 * Callers rotate the roles of a..h instead of moving values. */
#define SHA512_STEP(a, b, c, d, e, f, g, h, x, k)                     \
  {                                                                   \
    h += (k) + (x) + SHA512_S1(e) + SHA512_CH(e, f, g);               \
    d += h;                                                           \
    h += SHA512_S0(a) + SHA512_MAJ(a, b, c);                          \
  }

/* Schedule word t (t >= 16) in a 16-word ring: w[t%16] = s1(w[t-2]) + w[t-7] + s0(w[t-15]) + w[t-16]. */
#define SHA512_EXPAND(w, j)                                                                  \
  w[(j)] += SHA512_s1(w[((j) + 14) & 15]) + w[((j) + 9) & 15] + SHA512_s0(w[((j) + 1) & 15])

/* 16 rounds starting at round r with schedule words w[0..15]. */
#define SHA512_ROUNDS16(w, r)                                          \
  {                                                                    \
    SHA512_STEP(a, b, c, d, e, f, g, h, w[0], SHA512_K[(r) + 0]);     \
    SHA512_STEP(h, a, b, c, d, e, f, g, w[1], SHA512_K[(r) + 1]);     \
    SHA512_STEP(g, h, a, b, c, d, e, f, w[2], SHA512_K[(r) + 2]);     \
    SHA512_STEP(f, g, h, a, b, c, d, e, w[3], SHA512_K[(r) + 3]);     \
    SHA512_STEP(e, f, g, h, a, b, c, d, w[4], SHA512_K[(r) + 4]);     \
    SHA512_STEP(d, e, f, g, h, a, b, c, w[5], SHA512_K[(r) + 5]);     \
    SHA512_STEP(c, d, e, f, g, h, a, b, w[6], SHA512_K[(r) + 6]);     \
    SHA512_STEP(b, c, d, e, f, g, h, a, w[7], SHA512_K[(r) + 7]);     \
    SHA512_STEP(a, b, c, d, e, f, g, h, w[8], SHA512_K[(r) + 8]);     \
    SHA512_STEP(h, a, b, c, d, e, f, g, w[9], SHA512_K[(r) + 9]);     \
    SHA512_STEP(g, h, a, b, c, d, e, f, w[10], SHA512_K[(r) + 10]);   \
    SHA512_STEP(f, g, h, a, b, c, d, e, w[11], SHA512_K[(r) + 11]);   \
    SHA512_STEP(e, f, g, h, a, b, c, d, w[12], SHA512_K[(r) + 12]);   \
    SHA512_STEP(d, e, f, g, h, a, b, c, w[13], SHA512_K[(r) + 13]);   \
    SHA512_STEP(c, d, e, f, g, h, a, b, w[14], SHA512_K[(r) + 14]);   \
    SHA512_STEP(b, c, d, e, f, g, h, a, w[15], SHA512_K[(r) + 15]);   \
  }

/* Advances the ring by 16 schedule words. */
#define SHA512_EXPAND16(w)                                                                 \
  {                                                                                        \
    SHA512_EXPAND(w, 0); SHA512_EXPAND(w, 1); SHA512_EXPAND(w, 2); SHA512_EXPAND(w, 3);    \
    SHA512_EXPAND(w, 4); SHA512_EXPAND(w, 5); SHA512_EXPAND(w, 6); SHA512_EXPAND(w, 7);    \
    SHA512_EXPAND(w, 8); SHA512_EXPAND(w, 9); SHA512_EXPAND(w, 10); SHA512_EXPAND(w, 11);  \
    SHA512_EXPAND(w, 12); SHA512_EXPAND(w, 13); SHA512_EXPAND(w, 14); SHA512_EXPAND(w, 15); \
  }

/* One full compression; see the contract above. Fully unrolled so every index is a constant
 * and w[] and st[] live in registers; constant message words fold at compile time. */
#define SHA512_TRANSFORM(w, st)                                                         \
  {                                                                                     \
    ulong a = st[0], b = st[1], c = st[2], d = st[3];                                   \
    ulong e = st[4], f = st[5], g = st[6], h = st[7];                                   \
    SHA512_ROUNDS16(w, 0);                                                              \
    SHA512_EXPAND16(w); SHA512_ROUNDS16(w, 16);                                         \
    SHA512_EXPAND16(w); SHA512_ROUNDS16(w, 32);                                         \
    SHA512_EXPAND16(w); SHA512_ROUNDS16(w, 48);                                         \
    SHA512_EXPAND16(w); SHA512_ROUNDS16(w, 64);                                         \
    st[0] += a; st[1] += b; st[2] += c; st[3] += d;                                     \
    st[4] += e; st[5] += f; st[6] += g; st[7] += h;                                     \
  }

#endif /* BITMSG_INC_SHA512_H */
