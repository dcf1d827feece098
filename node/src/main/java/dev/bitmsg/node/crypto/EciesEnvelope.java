package dev.bitmsg.node.crypto;

import java.util.List;
import java.util.Optional;

/**
 * A parsed ECIES blob whose ephemeral point is already decoded (and validated), ready to be tried
 * against one or many private keys. Each key costs one ECDH and one HMAC; AES runs only after a MAC
 * matched. Thread-safe: it holds only immutable state and caches.
 */
public interface EciesEnvelope {
  /** The sender's ephemeral public key R. */
  PublicKey ephemeralKey();

  /** Size of the whole blob in bytes. */
  int size();

  /**
   * Decrypts with {@code key}.
   *
   * @throws CryptoException MAC_MISMATCH when the blob is not for this key (checked in constant
   *     time before any AES), BAD_PADDING when the MAC matched but the plaintext padding is bad
   */
  byte[] decrypt(PrivateKey key);

  /**
   * Like {@link #decrypt} but answers "not for this key" with an empty result instead of an
   * exception.
   *
   * @throws CryptoException BAD_PADDING when the MAC matched but the plaintext is broken
   */
  Optional<byte[]> tryDecrypt(PrivateKey key);

  /**
   * Tries every key (all of them, even after a match, so that the time spent does not depend on
   * which key matched) and returns the first that decrypts.
   *
   * @throws CryptoException BAD_PADDING when a MAC matched but the plaintext is broken
   */
  Optional<TrialMatch> tryDecrypt(List<PrivateKey> keys);
}
