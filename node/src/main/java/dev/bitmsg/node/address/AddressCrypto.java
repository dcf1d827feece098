package dev.bitmsg.node.address;

import dev.bitmsg.node.crypto.Hashes;
import dev.bitmsg.node.crypto.KeyFactory;
import dev.bitmsg.node.crypto.KeyPair;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.PublicKey;
import dev.bitmsg.node.wire.VarInt;
import java.util.Arrays;

/**
 * The one definition of the address-bound hashes (PROTOCOL.md section 6): the ripe of a key pair,
 * and the keys and tag anyone knowing an address can derive. Thread-safe.
 */
public final class AddressCrypto {
  private final Hashes hashes;
  private final KeyFactory keys;

  public AddressCrypto(Hashes hashes, KeyFactory keys) {
    this.hashes = hashes;
    this.keys = keys;
  }

  /** {@code RIPEMD160(SHA512(pubSigningKey65 || pubEncryptionKey65))}. */
  public Ripe ripe(PublicKey signing, PublicKey encryption) {
    return Ripe.of(hashes.ripemd160(hashes.sha512(signing.bytes(), encryption.bytes())));
  }

  /**
   * The tag of a (v4) address: {@code dsha512(var_int(version) || var_int(stream) ||
   * ripe)[32..64]}.
   */
  public Tag tag(BitmessageAddress address) {
    return Tag.of(Arrays.copyOfRange(taggedHash(address), 32, 64));
  }

  /**
   * The address-derived key pair of a v4 address ({@code dsha512(...)[0..32]}): v4 pubkeys and v5
   * broadcasts are encrypted to its public key.
   */
  public KeyPair taggedKey(BitmessageAddress address) {
    return keys.keyPair(PrivateKey.of(Arrays.copyOf(taggedHash(address), 32)));
  }

  /**
   * The key of v4 broadcasts from v2/v3 addresses: single SHA-512, {@code SHA512(var_int(version)
   * || var_int(stream) || ripe)[0..32]}, no tag.
   */
  public KeyPair legacyBroadcastKey(BitmessageAddress address) {
    return keys.keyPair(PrivateKey.of(Arrays.copyOf(hashes.sha512(hashedData(address)), 32)));
  }

  private byte[] taggedHash(BitmessageAddress address) {
    return hashes.doubleSha512(hashedData(address));
  }

  private static byte[] hashedData(BitmessageAddress address) {
    byte[] v = VarInt.encode(address.version());
    byte[] s = VarInt.encode(address.stream());
    byte[] out = new byte[v.length + s.length + Ripe.LENGTH];
    System.arraycopy(v, 0, out, 0, v.length);
    System.arraycopy(s, 0, out, v.length, s.length);
    System.arraycopy(address.ripe().bytes(), 0, out, v.length + s.length, Ripe.LENGTH);
    return out;
  }
}
