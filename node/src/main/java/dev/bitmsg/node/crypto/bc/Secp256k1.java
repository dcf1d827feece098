package dev.bitmsg.node.crypto.bc;

import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.PublicKey;
import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The secp256k1 domain with Bouncy Castle's specialised field arithmetic, and point encoding
 * helpers. Stateless apart from immutable constants; thread-safe.
 */
final class Secp256k1 {
  private static final X9ECParameters X9 = CustomNamedCurves.getByName("secp256k1");
  static final ECCurve CURVE = X9.getCurve();
  static final ECPoint G = X9.getG();
  static final BigInteger N = X9.getN();
  static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE, G, N, X9.getH());

  /** Comb multiplication with a table cached on G: the fast path for d·G. */
  static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

  private Secp256k1() {}

  static ECPoint multiplyG(BigInteger d) {
    return COMB.multiply(G, d).normalize();
  }

  /** Decodes an affine point given as big-endian coordinates, checking it is on the curve. */
  static ECPoint decode(BigInteger x, BigInteger y) {
    try {
      return CURVE.validatePoint(x, y);
    } catch (IllegalArgumentException e) {
      throw new CryptoException(CryptoException.Reason.INVALID_KEY, "point is not on secp256k1", e);
    }
  }

  static ECPoint decode(PublicKey key) {
    return decode(new BigInteger(1, key.x()), new BigInteger(1, key.y()));
  }

  static PublicKey encode(ECPoint p) {
    return PublicKey.of(p.normalize().getEncoded(false));
  }
}
