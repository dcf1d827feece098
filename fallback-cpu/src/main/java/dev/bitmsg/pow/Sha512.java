package dev.bitmsg.pow;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** JDK SHA-512 helpers. Thread-safe: every call gets its own digest instance. */
final class Sha512 {
  private Sha512() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-512", e);
    }
  }

  static byte[] digest(byte[] data) {
    return newDigest().digest(data);
  }

  static byte[] digest(byte[] data, int offset, int length) {
    MessageDigest md = newDigest();
    md.update(data, offset, length);
    return md.digest();
  }
}
