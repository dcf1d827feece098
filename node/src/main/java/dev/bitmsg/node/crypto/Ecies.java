package dev.bitmsg.node.crypto;

/**
 * Bitmessage's ECIES (PROTOCOL.md section 7.1): secp256k1 ECDH, {@code SHA512(P.x)} split into an
 * AES-256-CBC key and an HMAC-SHA256 key, blob layout
 *
 * <pre>
 *   IV(16) | curve 0x02CA (2) | xlen (2) | X | ylen (2) | Y | AES-256-CBC ciphertext | HMAC-SHA256 (32)
 * </pre>
 *
 * where the MAC covers everything before it. Decryption goes through {@link #open(byte[])}, which
 * parses the blob and decodes the ephemeral point once; the returned {@link EciesEnvelope} can then
 * be tried against many keys at one ECDH + one HMAC each. Implementations are thread-safe.
 */
public interface Ecies {
  /** Encrypts to {@code recipient} with a fresh IV and ephemeral key. */
  byte[] encrypt(PublicKey recipient, byte[] plaintext);

  /**
   * Encrypts with the given IV (16 bytes) and ephemeral private key: deterministic, for known
   * answer tests. Never reuse an ephemeral key in production.
   */
  byte[] encrypt(PublicKey recipient, byte[] plaintext, byte[] iv, PrivateKey ephemeral);

  /**
   * Parses {@code blob} and decodes its ephemeral point.
   *
   * @throws CryptoException MALFORMED for a broken layout, INVALID_KEY for a point off the curve
   */
  EciesEnvelope open(byte[] blob);

  /**
   * Parses and decrypts with one key.
   *
   * @throws CryptoException MALFORMED, INVALID_KEY, MAC_MISMATCH or BAD_PADDING
   */
  default byte[] decrypt(PrivateKey key, byte[] blob) {
    return open(blob).decrypt(key);
  }
}
