package dev.bitmsg.node.crypto.bc;

import dev.bitmsg.node.crypto.Hashes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * {@link Hashes} on the JDK's SHA family and Bouncy Castle's RIPEMD-160 and HMAC. Stateless;
 * thread-safe (each call uses its own digest instance).
 */
public final class BcHashes implements Hashes {
  @Override
  public byte[] sha512(byte[]... parts) {
    return jdk("SHA-512", parts);
  }

  @Override
  public byte[] sha256(byte[]... parts) {
    return jdk("SHA-256", parts);
  }

  @Override
  public byte[] sha1(byte[]... parts) {
    return jdk("SHA-1", parts);
  }

  @Override
  public byte[] ripemd160(byte[]... parts) {
    return bc(new RIPEMD160Digest(), parts);
  }

  @Override
  public byte[] hmacSha256(byte[] key, byte[]... parts) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    for (byte[] p : parts) {
      mac.update(p, 0, p.length);
    }
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return out;
  }

  private static byte[] jdk(String algorithm, byte[][] parts) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  private static byte[] bc(Digest d, byte[][] parts) {
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }
}
