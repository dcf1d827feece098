package dev.bitmsg.node.crypto.bc;

import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.EciesEnvelope;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.PublicKey;
import dev.bitmsg.node.crypto.TrialMatch;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A parsed ECIES blob (see {@link BcEcies}) holding its validated ephemeral point R. Trying a key
 * costs one scalar multiplication k·R, one SHA-512 and one HMAC; AES runs only after a MAC matched.
 * When several keys are tried, R first gets a {@link GlvCombTable} whose width grows with the
 * number of keys (so its cost is spread over them), each product then costs about 40 % of a generic
 * multiplication, and all products share one field inversion. Immutable; thread-safe.
 */
final class BcEnvelope implements EciesEnvelope {

  private final byte[] blob;
  private final byte[] iv;
  private final ECPoint ephemeral;
  private final int ciphertextStart;
  private final int macStart;

  private BcEnvelope(byte[] blob, byte[] iv, ECPoint ephemeral, int ciphertextStart, int macStart) {
    this.blob = blob;
    this.iv = iv;
    this.ephemeral = ephemeral;
    this.ciphertextStart = ciphertextStart;
    this.macStart = macStart;
  }

  /** Parses the layout, honouring the coordinate length fields (each at most 32 bytes). */
  static BcEnvelope parse(byte[] input) {
    byte[] blob = input.clone();
    int pos = BcEcies.IV_LENGTH;
    need(blob, pos, 4, "curve id and X length");
    int curve = u16(blob, pos);
    if (curve != BcEcies.CURVE_SECP256K1) {
      throw malformed("curve id " + curve + " is not secp256k1 (714)");
    }
    int xlen = u16(blob, pos + 2);
    pos += 4;
    if (xlen > BcEcies.COORDINATE_LENGTH) {
      throw malformed("X length " + xlen + " exceeds 32");
    }
    need(blob, pos, xlen, "X");
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(blob, pos, pos + xlen));
    pos += xlen;
    need(blob, pos, 2, "Y length");
    int ylen = u16(blob, pos);
    pos += 2;
    if (ylen > BcEcies.COORDINATE_LENGTH) {
      throw malformed("Y length " + ylen + " exceeds 32");
    }
    need(blob, pos, ylen, "Y");
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(blob, pos, pos + ylen));
    pos += ylen;
    int ciphertextLength = blob.length - pos - BcEcies.MAC_LENGTH;
    if (ciphertextLength < BcEcies.AES_BLOCK || ciphertextLength % BcEcies.AES_BLOCK != 0) {
      throw malformed(
          "ciphertext length " + ciphertextLength + " is not a positive multiple of 16");
    }
    ECPoint r = Secp256k1.decode(x, y);
    return new BcEnvelope(
        blob, Arrays.copyOf(blob, BcEcies.IV_LENGTH), r, pos, blob.length - BcEcies.MAC_LENGTH);
  }

  @Override
  public PublicKey ephemeralKey() {
    return Secp256k1.encode(ephemeral);
  }

  @Override
  public int size() {
    return blob.length;
  }

  @Override
  public byte[] decrypt(PrivateKey key) {
    return tryDecrypt(key)
        .orElseThrow(
            () ->
                new CryptoException(
                    CryptoException.Reason.MAC_MISMATCH,
                    "MAC mismatch: not encrypted to this key or altered"));
  }

  @Override
  public Optional<byte[]> tryDecrypt(PrivateKey key) {
    ECPoint shared = ephemeral.multiply(key.scalar()).normalize();
    return attempt(shared);
  }

  @Override
  public Optional<TrialMatch> tryDecrypt(List<PrivateKey> keys) {
    int n = keys.size();
    if (n == 0) {
      return Optional.empty();
    }
    ECPoint[] shared = new ECPoint[n];
    int width = combWidth(n);
    GlvCombTable comb = width == 0 ? null : GlvCombTable.of(ephemeral, width);
    for (int i = 0; i < n; i++) {
      BigInteger k = keys.get(i).scalar();
      shared[i] = comb == null ? ephemeral.multiply(k) : comb.multiply(k);
    }
    Secp256k1.CURVE.normalizeAll(shared);
    TrialMatch match = null;
    for (int i = 0; i < n; i++) {
      Optional<byte[]> plain = attempt(shared[i]);
      if (match == null && plain.isPresent()) {
        match = new TrialMatch(i, plain.get());
      }
    }
    return Optional.ofNullable(match);
  }

  /**
   * Comb width minimising table cost + n products, from {@code GlvMicroLoop} CPU-time figures
   * (table µs + µs per product): generic 0+115, GLV comb w5 120+55, w6 180+48, w7 290+44, w8
   * 500+42.
   */
  static int combWidth(int keys) {
    if (keys < 3) {
      return 0;
    }
    if (keys < 8) {
      return 5;
    }
    if (keys < 40) {
      return 6;
    }
    return keys < 300 ? 7 : 8;
  }

  /** MAC check (constant time) with the keys derived from a normalized shared point, then AES. */
  private Optional<byte[]> attempt(ECPoint shared) {
    if (shared.isInfinity()) {
      return Optional.empty();
    }
    byte[] h = BcEcies.sha512(shared.getAffineXCoord().getEncoded());
    byte[] mac = BcEcies.hmac(h, blob, macStart);
    if (!MessageDigest.isEqual(mac, Arrays.copyOfRange(blob, macStart, blob.length))) {
      return Optional.empty();
    }
    return Optional.of(
        BcEcies.aes(Cipher.DECRYPT_MODE, h, iv, blob, ciphertextStart, macStart - ciphertextStart));
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private static void need(byte[] blob, int pos, int count, String what) {
    if (blob.length - pos < count) {
      throw malformed("truncated before " + what + " (" + blob.length + " bytes)");
    }
  }

  private static CryptoException malformed(String message) {
    return new CryptoException(CryptoException.Reason.MALFORMED, "ECIES blob: " + message);
  }

  /** Big-endian magnitude as exactly 32 bytes (left-padded or stripped of a sign byte). */
  static byte[] fixed32(byte[] magnitude) {
    byte[] out = new byte[32];
    int copy = Math.min(32, magnitude.length);
    System.arraycopy(magnitude, magnitude.length - copy, out, 32 - copy, copy);
    return out;
  }
}
