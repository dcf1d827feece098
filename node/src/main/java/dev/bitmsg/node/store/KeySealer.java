package dev.bitmsg.node.store;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals private keys at rest: AES-256-GCM under a key derived from the user's passphrase with
 * PBKDF2-HMAC-SHA256 (JDK only). A sealed blob is {@code nonce(12) || ciphertext || tag(16)}; a
 * wrong passphrase or a modified blob fails the tag check. Thread-safe (a fresh Cipher per call).
 */
public final class KeySealer {
  /** PBKDF2 iterations for new vaults (OWASP 2023 figure for PBKDF2-HMAC-SHA256). */
  public static final int DEFAULT_ITERATIONS = 600_000;

  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private KeySealer(SecretKeySpec key) {
    this.key = key;
  }

  /** Derives the sealing key from {@code passphrase}, {@code salt} and {@code iterations}. */
  public static KeySealer derive(char[] passphrase, byte[] salt, int iterations) {
    if (passphrase.length == 0) {
      throw new IllegalArgumentException("key passphrase must not be empty");
    }
    try {
      PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
      byte[] k =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      spec.clearPassword();
      return new KeySealer(new SecretKeySpec(k, "AES"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    }
  }

  public byte[] seal(byte[] plain) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] ct = c.doFinal(plain);
      byte[] out = Arrays.copyOf(nonce, NONCE + ct.length);
      System.arraycopy(ct, 0, out, NONCE, ct.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  /**
   * Opens a blob sealed with this key.
   *
   * @throws StoreException when the blob was not sealed with this key (wrong passphrase) or was
   *     modified
   */
  public byte[] open(byte[] sealed) {
    if (sealed.length < NONCE + TAG_BITS / 8) {
      throw new StoreException("sealed key blob too short: " + sealed.length + " bytes");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
      return c.doFinal(sealed, NONCE, sealed.length - NONCE);
    } catch (AEADBadTagException e) {
      throw new StoreException("wrong key passphrase or corrupted key store");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }
}
