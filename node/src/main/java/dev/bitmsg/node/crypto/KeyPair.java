package dev.bitmsg.node.crypto;

import java.util.Objects;

/**
 * A private key with its public point. Immutable. {@link #toString()} shows only the public part.
 * Build it with {@link KeyFactory#keyPair(PrivateKey)} so that the two always match.
 */
public record KeyPair(PrivateKey privateKey, PublicKey publicKey) {
  public KeyPair {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(publicKey, "publicKey");
  }

  @Override
  public String toString() {
    return "KeyPair[" + publicKey + "]";
  }
}
