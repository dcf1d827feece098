package dev.bitmsg.node.crypto.bc;

import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.KeyFactory;
import dev.bitmsg.node.crypto.KeyPair;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.PublicKey;
import dev.bitmsg.node.crypto.RandomSource;
import java.math.BigInteger;

/** {@link KeyFactory} on Bouncy Castle's secp256k1 with comb multiplication. Thread-safe. */
public final class BcKeyFactory implements KeyFactory {
  @Override
  public PublicKey publicKey(PrivateKey privateKey) {
    return Secp256k1.encode(Secp256k1.multiplyG(privateKey.scalar()));
  }

  @Override
  public KeyPair generate(RandomSource random) {
    byte[] candidate = new byte[PrivateKey.LENGTH];
    while (true) {
      random.nextBytes(candidate);
      BigInteger d = new BigInteger(1, candidate);
      // Rejection sampling keeps the scalar uniform in [1, n-1]; a retry has odds ~2^-128.
      if (d.signum() > 0 && d.compareTo(Secp256k1.N) < 0) {
        return keyPair(PrivateKey.of(candidate));
      }
    }
  }

  @Override
  public PublicKey parsePublicKey(byte[] encoded) {
    PublicKey key = PublicKey.of(encoded);
    Secp256k1.decode(key);
    return key;
  }

  @Override
  public boolean isValid(PublicKey key) {
    try {
      Secp256k1.decode(key);
      return true;
    } catch (CryptoException e) {
      return false;
    }
  }
}
