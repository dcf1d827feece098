package dev.bitmsg.node.messaging;

import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.Ecies;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.TrialMatch;
import dev.bitmsg.node.wire.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * Opens received ECIES blobs with the keys that might fit: many keys at once (one ECDH per key,
 * rejected by MAC before AES) or one known key. A blob that is not for us is simply empty.
 * Thread-safe (the ECIES port is).
 */
final class TrialDecryptor {
  private final Ecies ecies;

  TrialDecryptor(Ecies ecies) {
    this.ecies = ecies;
  }

  /** Tries every key on a blob; returns the match. */
  Optional<TrialMatch> tryDecrypt(Bytes blob, List<PrivateKey> keys) {
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    try {
      return ecies.open(blob.toByteArray()).tryDecrypt(keys);
    } catch (CryptoException e) {
      return Optional.empty();
    }
  }

  /** Tries one key on a blob; returns the plaintext. */
  Optional<byte[]> tryDecrypt(Bytes blob, PrivateKey key) {
    try {
      return ecies.open(blob.toByteArray()).tryDecrypt(key);
    } catch (CryptoException e) {
      return Optional.empty();
    }
  }
}
