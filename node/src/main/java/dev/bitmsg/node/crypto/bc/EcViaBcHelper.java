package dev.bitmsg.node.crypto.bc;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.Locale;
import javax.crypto.KeyAgreement;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.jcajce.util.ProviderJcaJceHelper;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * The JCA lookups of BC's TLS code: elliptic-curve key generation, key factories, parameters and
 * agreement come from a private Bouncy Castle provider instance (the JDK's SunEC has no secp256k1
 * since JDK 16), everything else (AES, HMAC, digests, randomness) from the JDK's providers, whose
 * AES and SHA use CPU intrinsics. Nothing is registered globally. Thread-safe (stateless apart from
 * the immutable provider reference).
 */
final class EcViaBcHelper extends DefaultJcaJceHelper {
  private final JcaJceHelper bc;

  EcViaBcHelper(Provider bcProvider) {
    this.bc = new ProviderJcaJceHelper(bcProvider);
  }

  private static boolean ec(String algorithm) {
    return algorithm.toUpperCase(Locale.ROOT).startsWith("EC");
  }

  @Override
  public KeyAgreement createKeyAgreement(String algorithm) throws NoSuchAlgorithmException {
    return ec(algorithm)
        ? viaBc(() -> bc.createKeyAgreement(algorithm))
        : super.createKeyAgreement(algorithm);
  }

  @Override
  public KeyPairGenerator createKeyPairGenerator(String algorithm) throws NoSuchAlgorithmException {
    return ec(algorithm)
        ? viaBc(() -> bc.createKeyPairGenerator(algorithm))
        : super.createKeyPairGenerator(algorithm);
  }

  @Override
  public KeyFactory createKeyFactory(String algorithm) throws NoSuchAlgorithmException {
    return ec(algorithm)
        ? viaBc(() -> bc.createKeyFactory(algorithm))
        : super.createKeyFactory(algorithm);
  }

  @Override
  public AlgorithmParameters createAlgorithmParameters(String algorithm)
      throws NoSuchAlgorithmException {
    return ec(algorithm)
        ? viaBc(() -> bc.createAlgorithmParameters(algorithm))
        : super.createAlgorithmParameters(algorithm);
  }

  private interface Lookup<T> {
    T get() throws GeneralSecurityException;
  }

  private static <T> T viaBc(Lookup<T> lookup) throws NoSuchAlgorithmException {
    try {
      return lookup.get();
    } catch (NoSuchAlgorithmException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new NoSuchAlgorithmException(e.getMessage(), e);
    }
  }

  /** A TLS crypto provider whose JCA lookups go through an {@link EcViaBcHelper}. */
  static JcaTlsCryptoProvider cryptoProvider(Provider bcProvider) {
    JcaJceHelper helper = new EcViaBcHelper(bcProvider);
    return new JcaTlsCryptoProvider() {
      @Override
      public JcaJceHelper getHelper() {
        return helper;
      }
    };
  }
}
