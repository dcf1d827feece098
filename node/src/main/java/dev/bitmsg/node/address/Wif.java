package dev.bitmsg.node.address;

import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.Hashes;
import dev.bitmsg.node.crypto.PrivateKey;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Wallet Import Format for private keys, as stored in keys.dat: {@code Base58Check(0x80 || key32)}
 * with checksum {@code SHA256(SHA256(0x80 || key32))[0..4]} (PROTOCOL.md section 6). Thread-safe.
 */
public final class Wif {
  private static final byte VERSION = (byte) 0x80;
  private final Hashes hashes;

  public Wif(Hashes hashes) {
    this.hashes = hashes;
  }

  public String encode(PrivateKey key) {
    byte[] payload = new byte[1 + PrivateKey.LENGTH];
    payload[0] = VERSION;
    System.arraycopy(key.bytes(), 0, payload, 1, PrivateKey.LENGTH);
    byte[] check = hashes.doubleSha256(payload);
    byte[] all = Arrays.copyOf(payload, payload.length + 4);
    System.arraycopy(check, 0, all, payload.length, 4);
    return Base58.encodeBytes(all);
  }

  /**
   * Decodes a WIF string.
   *
   * @throws IllegalArgumentException for bad characters, length, version byte or checksum (the
   *     message never contains the key)
   */
  public PrivateKey decode(String wif) {
    byte[] raw;
    try {
      raw = Base58.decodeBytes(wif.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "WIF key contains a character outside the Base58 alphabet");
    }
    if (raw.length != 1 + PrivateKey.LENGTH + 4) {
      throw new IllegalArgumentException(
          "WIF key decodes to " + raw.length + " bytes, expected 37");
    }
    byte[] payload = Arrays.copyOf(raw, 1 + PrivateKey.LENGTH);
    byte[] check = Arrays.copyOf(hashes.doubleSha256(payload), 4);
    if (!MessageDigest.isEqual(check, Arrays.copyOfRange(raw, payload.length, raw.length))) {
      throw new IllegalArgumentException("WIF key checksum failed");
    }
    if (payload[0] != VERSION) {
      throw new IllegalArgumentException("WIF key version byte is not 0x80");
    }
    try {
      return PrivateKey.of(Arrays.copyOfRange(payload, 1, payload.length));
    } catch (CryptoException e) {
      throw new IllegalArgumentException("WIF key is not a valid secp256k1 private key", e);
    }
  }
}
