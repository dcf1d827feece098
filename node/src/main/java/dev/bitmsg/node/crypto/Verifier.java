package dev.bitmsg.node.crypto;

import java.util.Optional;

/**
 * Checks ECDSA secp256k1 DER signatures. Accepts SHA-1 or SHA-256 digests like PyBitmessage's
 * {@code highlevelcrypto.verify} (PROTOCOL.md section 7.2). A signature that is not strict DER is
 * simply not valid. Implementations are thread-safe.
 */
public interface Verifier {
  /** Whether {@code signature} is valid for {@code data} with the given digest. */
  boolean verify(PublicKey key, byte[] data, byte[] signature, SignatureDigest digest);

  /** The digest under which the signature verifies, trying SHA-1 then SHA-256; empty if none. */
  default Optional<SignatureDigest> verifyAny(PublicKey key, byte[] data, byte[] signature) {
    for (SignatureDigest d : new SignatureDigest[] {SignatureDigest.SHA1, SignatureDigest.SHA256}) {
      if (verify(key, data, signature, d)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** {@link #verifyAny} as a boolean. */
  default boolean verify(PublicKey key, byte[] data, byte[] signature) {
    return verifyAny(key, data, signature).isPresent();
  }
}
