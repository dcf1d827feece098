package dev.bitmsg.node.wire;

/** Checks for key-shaped byte strings inside objects (PROTOCOL.md section 1). Stateless. */
final class Keys {
  private Keys() {}

  static void checkPublicKey(Bytes key, String what) {
    if (key.length() != WireLimits.PUBLIC_KEY_LENGTH) {
      throw new IllegalArgumentException(
          what + " must be " + WireLimits.PUBLIC_KEY_LENGTH + " bytes (X||Y), got " + key.length());
    }
  }

  static void checkLength(Bytes value, int length, String what) {
    if (value.length() != length) {
      throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + value.length());
    }
  }
}
