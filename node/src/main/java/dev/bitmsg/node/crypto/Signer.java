package dev.bitmsg.node.crypto;

/**
 * Makes ECDSA secp256k1 signatures over SHA-256 of the data, DER-encoded (PROTOCOL.md section 7.2).
 * Implementations are thread-safe.
 */
public interface Signer {
  /** A DER signature of {@code SHA256(data)}. */
  byte[] sign(PrivateKey key, byte[] data);
}
