package dev.bitmsg.node.messaging;

import java.security.SecureRandom;

/**
 * When and with which TTL unanswered work goes out again (PROTOCOL.md section 9): a msg without its
 * ack, or a getpubkey without its pubkey, is resent once its time is up with TTL {@code
 * ttl·2^retries}, capped at 28 days. Stateless.
 */
final class ResendPolicy {
  static final long MAX_TTL = 28L * 24 * 3600;
  static final long GETPUBKEY_TTL = 5L * 24 * 3600 / 2;

  private ResendPolicy() {}

  /** TTL of attempt {@code retries}: {@code ttl·2^retries}, at most 28 days. */
  static long resendTtl(long ttl, int retries) {
    long t = ttl;
    for (int i = 0; i < retries && t < MAX_TTL; i++) {
      t *= 2;
    }
    return Math.min(t, MAX_TTL);
  }

  /** TTL of getpubkey attempt {@code retries} (2.5 days doubled per retry, at most 28 days). */
  static long getpubkeyTtl(int retries) {
    return Math.min(GETPUBKEY_TTL << Math.min(retries, 8), MAX_TTL);
  }

  /** PyBitmessage's ±300 s, only on TTLs long enough for it not to dominate. */
  static long jitter(long ttl, SecureRandom random) {
    return ttl >= 3600 ? random.nextLong(-300, 301) : 0;
  }
}
