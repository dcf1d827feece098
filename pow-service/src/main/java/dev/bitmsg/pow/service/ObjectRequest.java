package dev.bitmsg.pow.service;

import com.google.protobuf.ByteString;

/**
 * A validated whole-object search: the search for its initial hash and target, and the object bytes
 * (immutable {@link ByteString}) to write the nonce into. Immutable.
 */
public record ObjectRequest(SearchRequest search, ByteString object) {
  /** The object with {@code nonce} stored big-endian in its first 8 bytes. */
  public ByteString withNonce(long nonce) {
    byte[] b = object.toByteArray();
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (nonce >>> (56 - 8 * i));
    }
    return ByteString.copyFrom(b);
  }
}
