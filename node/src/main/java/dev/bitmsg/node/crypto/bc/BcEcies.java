package dev.bitmsg.node.crypto.bc;

import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.Ecies;
import dev.bitmsg.node.crypto.EciesEnvelope;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.PublicKey;
import dev.bitmsg.node.crypto.RandomSource;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.ECPoint;

/**
 * {@link Ecies} in Bitmessage's layout (PROTOCOL.md section 7.1) on Bouncy Castle's secp256k1, the
 * JDK's AES (hardware accelerated where available) and Bouncy Castle's HMAC. Thread-safe if the
 * {@link RandomSource} is.
 */
public final class BcEcies implements Ecies {
  static final int IV_LENGTH = 16;
  static final int MAC_LENGTH = 32;
  static final int COORDINATE_LENGTH = 32;

  /** OpenSSL's NID for secp256k1, written as the curve id of the ephemeral key. */
  static final int CURVE_SECP256K1 = 0x02CA;

  static final int AES_BLOCK = 16;

  private final RandomSource random;

  public BcEcies(RandomSource random) {
    this.random = random;
  }

  @Override
  public byte[] encrypt(PublicKey recipient, byte[] plaintext) {
    byte[] iv = random.bytes(IV_LENGTH);
    PrivateKey ephemeral;
    while (true) {
      BigInteger r = new BigInteger(1, random.bytes(PrivateKey.LENGTH));
      if (r.signum() > 0 && r.compareTo(Secp256k1.N) < 0) {
        ephemeral = PrivateKey.of(BcEnvelope.fixed32(r.toByteArray()));
        break;
      }
    }
    return encrypt(recipient, plaintext, iv, ephemeral);
  }

  @Override
  public byte[] encrypt(PublicKey recipient, byte[] plaintext, byte[] iv, PrivateKey ephemeral) {
    if (iv.length != IV_LENGTH) {
      throw new IllegalArgumentException("IV must be 16 bytes, got " + iv.length);
    }
    ECPoint k = Secp256k1.decode(recipient);
    BigInteger r = ephemeral.scalar();
    PublicKey ephemeralPublic = Secp256k1.encode(Secp256k1.multiplyG(r));
    byte[] sharedX = k.multiply(r).normalize().getAffineXCoord().getEncoded();
    byte[] h = sha512(sharedX);
    byte[] ciphertext = aes(Cipher.ENCRYPT_MODE, h, iv, plaintext, 0, plaintext.length);

    int headerLength = IV_LENGTH + 2 + 2 + COORDINATE_LENGTH + 2 + COORDINATE_LENGTH;
    ByteBuffer out = ByteBuffer.allocate(headerLength + ciphertext.length + MAC_LENGTH);
    out.put(iv)
        .putShort((short) CURVE_SECP256K1)
        .putShort((short) COORDINATE_LENGTH)
        .put(ephemeralPublic.x())
        .putShort((short) COORDINATE_LENGTH)
        .put(ephemeralPublic.y())
        .put(ciphertext);
    byte[] blob = out.array();
    int macStart = blob.length - MAC_LENGTH;
    byte[] mac = hmac(h, blob, macStart);
    System.arraycopy(mac, 0, blob, macStart, MAC_LENGTH);
    return blob;
  }

  @Override
  public EciesEnvelope open(byte[] blob) {
    return BcEnvelope.parse(blob);
  }

  static byte[] sha512(byte[] data) {
    SHA512Digest d = new SHA512Digest();
    d.update(data, 0, data.length);
    byte[] out = new byte[64];
    d.doFinal(out, 0);
    return out;
  }

  /** HMAC-SHA256 keyed with {@code h[32..64]} over {@code data[0..length]}. */
  static byte[] hmac(byte[] h, byte[] data, int length) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(h, 32, 32));
    mac.update(data, 0, length);
    byte[] out = new byte[MAC_LENGTH];
    mac.doFinal(out, 0);
    return out;
  }

  /** AES-256-CBC with PKCS#7 padding keyed with {@code h[0..32]}. */
  static byte[] aes(int mode, byte[] h, byte[] iv, byte[] data, int offset, int length) {
    try {
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(mode, new SecretKeySpec(Arrays.copyOf(h, 32), "AES"), new IvParameterSpec(iv));
      return c.doFinal(data, offset, length);
    } catch (BadPaddingException | IllegalBlockSizeException e) {
      throw new CryptoException(
          CryptoException.Reason.BAD_PADDING,
          "MAC matched but the plaintext padding is invalid",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC unavailable", e);
    }
  }
}
