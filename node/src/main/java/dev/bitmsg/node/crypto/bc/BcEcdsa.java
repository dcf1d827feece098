package dev.bitmsg.node.crypto.bc;

import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.PublicKey;
import dev.bitmsg.node.crypto.SignatureDigest;
import dev.bitmsg.node.crypto.Signer;
import dev.bitmsg.node.crypto.Verifier;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA on secp256k1 with DER signatures. Signing hashes with SHA-256 and picks k by RFC 6979
 * (deterministic, so no randomness can leak the key). Verification requires strict DER (like
 * OpenSSL, which PyBitmessage uses) and does not enforce low S. Stateless; thread-safe.
 */
public final class BcEcdsa implements Signer, Verifier {
  @Override
  public byte[] sign(PrivateKey key, byte[] data) {
    byte[] hash = digest(new SHA256Digest(), data);
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(key.scalar(), Secp256k1.DOMAIN));
    BigInteger[] rs = signer.generateSignature(hash);
    try {
      return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(rs[1])})
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding failed", e);
    }
  }

  @Override
  public boolean verify(PublicKey key, byte[] data, byte[] signature, SignatureDigest digest) {
    BigInteger[] rs;
    try {
      rs = parseStrictDer(signature);
    } catch (CryptoException e) {
      return false;
    }
    ECPublicKeyParameters pub;
    try {
      pub = new ECPublicKeyParameters(Secp256k1.decode(key), Secp256k1.DOMAIN);
    } catch (CryptoException e) {
      return false;
    }
    byte[] hash =
        digest(digest == SignatureDigest.SHA1 ? new SHA1Digest() : new SHA256Digest(), data);
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, pub);
    return verifier.verifySignature(hash, rs[0], rs[1]);
  }

  /** r and s of a DER {@code SEQUENCE { INTEGER r, INTEGER s }} that re-encodes identically. */
  static BigInteger[] parseStrictDer(byte[] der) {
    try {
      ASN1Primitive p = ASN1Primitive.fromByteArray(der);
      if (!(p instanceof ASN1Sequence seq) || seq.size() != 2) {
        throw new CryptoException(
            CryptoException.Reason.INVALID_SIGNATURE, "not a 2-element DER sequence");
      }
      if (!(seq.getObjectAt(0) instanceof ASN1Integer r)
          || !(seq.getObjectAt(1) instanceof ASN1Integer s)) {
        throw new CryptoException(
            CryptoException.Reason.INVALID_SIGNATURE, "sequence elements are not integers");
      }
      if (!Arrays.equals(p.getEncoded(ASN1Encoding.DER), der)) {
        throw new CryptoException(
            CryptoException.Reason.INVALID_SIGNATURE, "signature is not strict DER");
      }
      BigInteger rv = r.getValue();
      BigInteger sv = s.getValue();
      if (rv.signum() <= 0
          || sv.signum() <= 0
          || rv.compareTo(Secp256k1.N) >= 0
          || sv.compareTo(Secp256k1.N) >= 0) {
        throw new CryptoException(CryptoException.Reason.INVALID_SIGNATURE, "r or s out of range");
      }
      return new BigInteger[] {rv, sv};
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_SIGNATURE, "signature is not DER", e);
    }
  }

  private static byte[] digest(Digest d, byte[] data) {
    d.update(data, 0, data.length);
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }
}
