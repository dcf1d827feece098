package dev.bitmsg.node.crypto;

/**
 * The hash functions of the protocol (PROTOCOL.md section 1). Each method hashes the concatenation
 * of its arguments. Implementations are thread-safe.
 */
public interface Hashes {
  byte[] sha512(byte[]... parts);

  /** {@code SHA512(SHA512(parts))}. */
  default byte[] doubleSha512(byte[]... parts) {
    return sha512(sha512(parts));
  }

  byte[] sha256(byte[]... parts);

  /** {@code SHA256(SHA256(parts))}, the WIF checksum hash. */
  default byte[] doubleSha256(byte[]... parts) {
    return sha256(sha256(parts));
  }

  byte[] sha1(byte[]... parts);

  byte[] ripemd160(byte[]... parts);

  byte[] hmacSha256(byte[] key, byte[]... parts);
}
