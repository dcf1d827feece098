package dev.bitmsg.node.wire;

/** Length checks for fixed-size fields (keys, ripes, tags) in record constructors. Stateless. */
final class FieldChecks {
  private FieldChecks() {}

  static void checkPublicKey(Bytes key, String what) {
    if (key.length() != WireLimits.PUBLIC_KEY_LENGTH) {
      throw new IllegalArgumentException(
          what + " must be " + WireLimits.PUBLIC_KEY_LENGTH + " bytes (X||Y), got " + key.length());
    }
  }

  static void checkLength(Bytes value, int length, String what) {
    if (value.length() != length) {
      throw new IllegalArgumentException(
          what + " must be " + length + " bytes, got " + value.length());
    }
  }
}
