package dev.bitmsg.pow;

/**
 * Proof of work of whole objects ({@code nonce(8) | expiresTime(8) | objectType(4) | version |
 * stream | payload}, PROTOCOL.md sections 4 and 5): the header fields the PoW covers and the
 * lifetime bounds. The target and the acceptance check are {@link PowRules}'. Stateless and
 * thread-safe.
 */
public final class ObjectPow {
  /** Nonce, expiresTime, objectType and two one-byte var_ints: the shortest possible object. */
  public static final int MIN_OBJECT_LENGTH = 8 + 8 + 4 + 1 + 1;

  /** Objects may expire at most 28 days and 3 hours after they are received. */
  public static final long MAX_TTL_SECONDS = 28L * 24 * 3600 + 3 * 3600;

  /** Objects that expired up to this long ago are still accepted. */
  public static final long MAX_EXPIRED_SECONDS = 3600;

  private ObjectPow() {}

  /** SHA-512 of the object without its 8-byte nonce. */
  public static InitialHash initialHash(byte[] object) {
    requireHeader(object);
    return InitialHash.ofObject(object);
  }

  /** The object's expiresTime (unsigned; values at or above 2^63 come back negative). */
  public static long expiresTime(byte[] object) {
    requireHeader(object);
    return readLong(object, 8);
  }

  /** The nonce the object carries. */
  public static long nonce(byte[] object) {
    requireHeader(object);
    return readLong(object, 0);
  }

  private static void requireHeader(byte[] object) {
    if (object.length < 16) {
      throw new IllegalArgumentException(
          "object has " + object.length + " bytes, too short for nonce and expiresTime");
    }
  }

  private static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xffL);
    }
    return v;
  }
}
