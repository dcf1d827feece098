package dev.bitmsg.node.address;

import dev.bitmsg.node.crypto.Hashes;
import dev.bitmsg.node.crypto.KeyFactory;
import dev.bitmsg.node.crypto.KeyPair;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.RandomSource;
import dev.bitmsg.node.wire.VarInt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Makes new identities the way PyBitmessage's address generator does (PROTOCOL.md section 6):
 * random ones (one signing key, fresh encryption keys until the ripe starts with enough 00 bytes),
 * deterministic ones from a passphrase ({@code key(n) = SHA512(passphrase || var_int(n))[0..32]},
 * signing nonce 0, encryption nonce 1, both +2 per attempt, each further address continuing where
 * the previous stopped) and chans. Thread-safe if the random source is.
 */
public final class IdentityGenerator {
  private final Hashes hashes;
  private final KeyFactory keys;
  private final RandomSource random;
  private final AddressCrypto addressCrypto;

  public IdentityGenerator(Hashes hashes, KeyFactory keys, RandomSource random) {
    this.hashes = hashes;
    this.keys = keys;
    this.random = random;
    this.addressCrypto = new AddressCrypto(hashes, keys);
  }

  /** One deterministic result: the identity and where the nonce search stopped. */
  public record Derived(Identity identity, long signingNonce, long attempts) {
    /** The signing nonce the next address of the same passphrase starts at. */
    public long nextSigningNonce() {
      return signingNonce + 2;
    }
  }

  /** Leading 00 bytes required: 1 normally, 2 for a "shorter" address. */
  private static int zerosRequired(boolean shorter) {
    return shorter ? 2 : 1;
  }

  /** A random identity of address version 3 or 4. */
  public Identity random(int version, long stream, boolean shorter, String label) {
    checkVersion(version);
    KeyPair signing = keys.generate(random);
    while (true) {
      KeyPair encryption = keys.generate(random);
      Ripe ripe = addressCrypto.ripe(signing.publicKey(), encryption.publicKey());
      if (ripe.leadingZeroBytes() >= zerosRequired(shorter)) {
        return Identity.of(
            new BitmessageAddress(version, stream, ripe), signing, encryption, label);
      }
    }
  }

  /** The first {@code count} deterministic identities of {@code passphrase}. */
  public List<Derived> deterministic(
      byte[] passphrase, int count, int version, long stream, boolean shorter) {
    List<Derived> out = new ArrayList<>(count);
    long nonce = 0;
    for (int i = 0; i < count; i++) {
      Derived d = deterministicFrom(passphrase, nonce, version, stream, shorter);
      out.add(d);
      nonce = d.nextSigningNonce();
    }
    return out;
  }

  /**
   * The next deterministic identity whose search starts at {@code signingNonce} (even; the
   * encryption nonce is one more). Lets a caller resume a series.
   */
  public Derived deterministicFrom(
      byte[] passphrase, long signingNonce, int version, long stream, boolean shorter) {
    checkVersion(version);
    if (signingNonce < 0 || signingNonce % 2 != 0) {
      throw new IllegalArgumentException(
          "signing nonce must be even and >= 0, got " + signingNonce);
    }
    int zeros = zerosRequired(shorter);
    long attempts = 0;
    for (long n = signingNonce; ; n += 2) {
      attempts++;
      KeyPair signing = keys.keyPair(keyFor(passphrase, n));
      KeyPair encryption = keys.keyPair(keyFor(passphrase, n + 1));
      Ripe ripe = addressCrypto.ripe(signing.publicKey(), encryption.publicKey());
      if (ripe.leadingZeroBytes() >= zeros) {
        Identity id =
            Identity.of(new BitmessageAddress(version, stream, ripe), signing, encryption, "");
        return new Derived(id, n, attempts);
      }
    }
  }

  /** The chan of {@code name}: deterministic v4 stream 1, label {@code "[chan] " + name}. */
  public Identity chan(String name) {
    Identity id =
        deterministicFrom(name.getBytes(StandardCharsets.UTF_8), 0, 4, 1, false).identity();
    return id.withLabel("[chan] " + name).asChan();
  }

  /** {@code SHA512(passphrase || var_int(nonce))[0..32]}. */
  PrivateKey keyFor(byte[] passphrase, long nonce) {
    return PrivateKey.of(
        Arrays.copyOf(hashes.sha512(passphrase, VarInt.encode(nonce)), PrivateKey.LENGTH));
  }

  private static void checkVersion(int version) {
    if (version != 3 && version != 4) {
      throw new IllegalArgumentException("new addresses are version 3 or 4, not " + version);
    }
  }
}
