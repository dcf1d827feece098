package dev.bitmsg.node.wire;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The two hashes the wire format itself needs: SHA-512 (frame checksum) and double SHA-512
 * (inventory vector). JDK only. Thread-safe: each call gets its own digest.
 */
final class Digests {
  private Digests() {}

  static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-512", e);
    }
  }

  static byte[] sha512(byte[] data, int offset, int length) {
    MessageDigest md = sha512();
    md.update(data, offset, length);
    return md.digest();
  }

  static byte[] doubleSha512(byte[] data) {
    MessageDigest md = sha512();
    return md.digest(md.digest(data));
  }
}
