package dev.bitmsg.node.crypto;

import java.util.Objects;

/**
 * The crypto capabilities a composition root hands out, one small interface each. It is a plain
 * holder for wiring, not a service locator: components take the single capabilities they need
 * through their constructors. Immutable.
 */
public record CryptoSuite(
    Hashes hashes,
    KeyFactory keys,
    Ecies ecies,
    Signer signer,
    Verifier verifier,
    RandomSource random) {
  public CryptoSuite {
    Objects.requireNonNull(hashes, "hashes");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(ecies, "ecies");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(random, "random");
  }
}
