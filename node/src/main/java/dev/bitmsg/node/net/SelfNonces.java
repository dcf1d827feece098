package dev.bitmsg.node.net;

import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The version nonces of this node's live connections (PROTOCOL.md 3.2): a received version carrying
 * one of them means the node dialled itself. Thread-safe.
 */
final class SelfNonces {
  private final SecureRandom random = new SecureRandom();
  private final Set<Long> live = ConcurrentHashMap.newKeySet();

  /** A fresh nonce, registered until {@link #release}. */
  long acquire() {
    while (true) {
      long n = random.nextLong();
      if (live.add(n)) {
        return n;
      }
    }
  }

  void release(long nonce) {
    live.remove(nonce);
  }

  boolean isOurs(long nonce) {
    return live.contains(nonce);
  }
}
