package dev.bitmsg.node.messaging;

import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.Hashes;
import dev.bitmsg.node.crypto.PublicKey;
import dev.bitmsg.node.crypto.Verifier;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.SenderKeys;
import java.util.Arrays;

/**
 * The sender's signature on a received msg or broadcast: checked against the signing key in the
 * plaintext, and hashed into the sigHash that identifies the message in the inbox. Thread-safe.
 */
final class SenderSignatures {
  private final Verifier verifier;
  private final Hashes hashes;

  SenderSignatures(Verifier verifier, Hashes hashes) {
    this.verifier = verifier;
    this.hashes = hashes;
  }

  boolean verified(SenderKeys s, Bytes signed, Bytes signature) {
    try {
      return verifier
          .verifyAny(
              PublicKey.of(s.signingKey().toByteArray()),
              signed.toByteArray(),
              signature.toByteArray())
          .isPresent();
    } catch (CryptoException | IllegalArgumentException e) {
      return false;
    }
  }

  Bytes sigHash(Bytes signature) {
    byte[] h = hashes.doubleSha512(signature.toByteArray());
    return Bytes.of(Arrays.copyOfRange(h, 32, 64));
  }
}
