package dev.bitmsg.pow;

import java.security.MessageDigest;

/**
 * The one definition of a proof-of-work trial value: the first 8 bytes, read big-endian, of {@code
 * SHA-512(SHA-512(uint64_be(nonce) || initialHash))}. A nonce is good for a target when {@code
 * Long.compareUnsigned(trialValue, target) <= 0}. Every engine's answer is re-checked here.
 */
public final class TrialValue {
  private TrialValue() {}

  /** Computes the trial value of {@code nonce} (an unsigned 64-bit value) for {@code hash}. */
  public static long of(long nonce, InitialHash hash) {
    MessageDigest md = Sha512.newDigest();
    byte[] buf = new byte[8 + InitialHash.LENGTH];
    for (int i = 0; i < 8; i++) {
      buf[i] = (byte) (nonce >>> (56 - 8 * i));
    }
    System.arraycopy(hash.toByteArray(), 0, buf, 8, InitialHash.LENGTH);
    byte[] first = md.digest(buf);
    byte[] second = md.digest(first);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (second[i] & 0xffL);
    }
    return v;
  }

  /** True when {@code trialValue <= target}, both unsigned. */
  public static boolean meets(long trialValue, long target) {
    return Long.compareUnsigned(trialValue, target) <= 0;
  }

  /** True when {@code nonce} solves {@code hash} at {@code target}. */
  public static boolean isSolution(long nonce, InitialHash hash, long target) {
    return meets(of(nonce, hash), target);
  }
}
