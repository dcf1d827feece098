package dev.bitmsg.node.crypto;

/**
 * secp256k1 key arithmetic: private to public, validation of points, fresh random keys.
 * Implementations are thread-safe.
 */
public interface KeyFactory {
  /** {@code d·G} in uncompressed form. */
  PublicKey publicKey(PrivateKey privateKey);

  default KeyPair keyPair(PrivateKey privateKey) {
    return new KeyPair(privateKey, publicKey(privateKey));
  }

  /** A fresh key pair from {@code random}. */
  KeyPair generate(RandomSource random);

  /**
   * Parses 65-byte ({@code 04||X||Y}) or 64-byte ({@code X||Y}) encodings and checks that the point
   * lies on the curve.
   *
   * @throws CryptoException (INVALID_KEY) otherwise
   */
  PublicKey parsePublicKey(byte[] encoded);

  /** Whether {@code key} is a point on the curve (not the point at infinity). */
  boolean isValid(PublicKey key);
}
