package dev.bitmsg.node.crypto.bc;

import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.RandomSource;
import dev.bitmsg.node.crypto.SecureRandomSource;

/** Builds a {@link CryptoSuite} of the Bouncy Castle implementations. */
public final class BcCryptoSuite {
  private BcCryptoSuite() {}

  /** With the platform's secure random source. */
  public static CryptoSuite create() {
    return create(new SecureRandomSource());
  }

  public static CryptoSuite create(RandomSource random) {
    BcEcdsa ecdsa = new BcEcdsa();
    return new CryptoSuite(
        new BcHashes(), new BcKeyFactory(), new BcEcies(random), ecdsa, ecdsa, random);
  }
}
