package dev.bitmsg.node.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcHashes;
import dev.bitmsg.node.crypto.bc.BcKeyFactory;
import dev.bitmsg.vectors.VectorFile;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityGeneratorTest {
  private static final HexFormat HEX = HexFormat.of();
  private final BcHashes hashes = new BcHashes();
  private final BcKeyFactory keys = new BcKeyFactory();
  private final AddressCodec codec = new AddressCodec(hashes);
  private final Wif wif = new Wif(hashes);
  private final IdentityGenerator gen =
      new IdentityGenerator(hashes, keys, new SeededRandomSource(77));

  @Test
  void tigerPassphrase_firstAddress() {
    VectorFile.Block b = VectorFile.block("deterministic.txt", "1 leading zero byte");
    byte[] pass = b.hex("passphrase_hex");
    assertEquals(b.get("passphrase_ascii"), new String(pass, StandardCharsets.US_ASCII));
    IdentityGenerator.Derived d4 = gen.deterministic(pass, 1, 4, 1, false).get(0);
    assertEquals(b.decimal("iterations"), d4.attempts());
    assertEquals(b.decimal("signing_key_nonce"), d4.signingNonce());
    Identity id = d4.identity();
    assertEquals(b.get("priv_signing_key"), HEX.formatHex(id.signing().privateKey().bytes()));
    assertEquals(b.get("priv_encryption_key"), HEX.formatHex(id.encryption().privateKey().bytes()));
    assertEquals(b.get("pub_signing_key"), id.signing().publicKey().toHex());
    assertEquals(b.get("pub_encryption_key"), id.encryption().publicKey().toHex());
    assertEquals(b.get("ripe"), id.address().ripe().toHex());
    assertEquals(b.get("address_v4_stream1"), codec.encode(id.address()));
    assertEquals(b.get("priv_signing_key_wif"), wif.encode(id.signing().privateKey()));
    assertEquals(b.get("priv_encryption_key_wif"), wif.encode(id.encryption().privateKey()));
    Identity v3 = gen.deterministic(pass, 1, 3, 1, false).get(0).identity();
    assertEquals(b.get("address_v3_stream1"), codec.encode(v3.address()));
  }

  @Test
  void tigerPassphrase_candidateKeysAtNonce0And1() {
    VectorFile.Block b = VectorFile.block("deterministic.txt", "first candidate keys");
    byte[] pass =
        VectorFile.block("deterministic.txt", "1 leading zero byte").hex("passphrase_hex");
    assertEquals(b.get("priv_signing_key_nonce0"), HEX.formatHex(gen.keyFor(pass, 0).bytes()));
    assertEquals(b.get("priv_encryption_key_nonce1"), HEX.formatHex(gen.keyFor(pass, 1).bytes()));
    AddressCrypto ac = new AddressCrypto(hashes, keys);
    assertEquals(
        b.get("ripe_candidate_1"),
        ac.ripe(keys.publicKey(gen.keyFor(pass, 0)), keys.publicKey(gen.keyFor(pass, 1))).toHex());
  }

  @Test
  void tigerPassphrase_shorterAddress_resumedNearTheEnd() {
    // The full search takes 104645 attempts (seconds of EC work); resuming 300 attempts before
    // the end still checks that none of those qualifies and that the search stops where PyB's does.
    VectorFile.Block b = VectorFile.block("deterministic.txt", "shorter");
    byte[] pass = b.get("passphrase_ascii").getBytes(StandardCharsets.US_ASCII);
    long found = b.decimal("signing_key_nonce");
    assertEquals(found + 1, b.decimal("encryption_key_nonce"));
    assertEquals(b.decimal("iterations"), found / 2 + 1);
    IdentityGenerator.Derived d = gen.deterministicFrom(pass, found - 2 * 299, 4, 1, true);
    assertEquals(300, d.attempts());
    assertEquals(found, d.signingNonce());
    Identity id = d.identity();
    assertEquals(b.get("priv_signing_key"), HEX.formatHex(id.signing().privateKey().bytes()));
    assertEquals(b.get("priv_encryption_key"), HEX.formatHex(id.encryption().privateKey().bytes()));
    assertEquals(b.get("ripe"), id.address().ripe().toHex());
    assertEquals(b.get("address_v4_stream1"), codec.encode(id.address()));
    assertEquals(
        b.get("address_v3_stream1"),
        codec.encode(new BitmessageAddress(3, 1, id.address().ripe())));
  }

  @Test
  void secondAddressContinuesAfterTheFirst() {
    byte[] pass = "a passphrase".getBytes(StandardCharsets.UTF_8);
    List<IdentityGenerator.Derived> two = gen.deterministic(pass, 2, 4, 1, false);
    assertEquals(
        two.get(0).nextSigningNonce(), two.get(1).signingNonce() - 2 * (two.get(1).attempts() - 1));
    assertNotEquals(two.get(0).identity().address(), two.get(1).identity().address());
    assertEquals(
        two.get(1).identity().address(),
        gen.deterministicFrom(pass, two.get(0).nextSigningNonce(), 4, 1, false)
            .identity()
            .address());
  }

  @Test
  void chans() {
    VectorFile.Block b = VectorFile.block("deterministic.txt", "chan \"bitmessage\"");
    Identity chan = gen.chan(b.get("chan_name_passphrase"));
    assertEquals(b.get("address"), codec.encode(chan.address()));
    assertEquals(b.get("label"), chan.label());
    assertEquals(b.get("ripe"), chan.address().ripe().toHex());
    assertEquals(b.get("priv_signing_key"), HEX.formatHex(chan.signing().privateKey().bytes()));
    assertEquals(
        b.get("priv_encryption_key"), HEX.formatHex(chan.encryption().privateKey().bytes()));
    assertEquals(b.get("priv_signing_key_wif"), wif.encode(chan.signing().privateKey()));
    assertEquals(b.get("priv_encryption_key_wif"), wif.encode(chan.encryption().privateKey()));
    assertEquals(
        b.decimal("iterations"),
        gen.deterministic(
                b.get("chan_name_passphrase").getBytes(StandardCharsets.UTF_8), 1, 4, 1, false)
            .get(0)
            .attempts());
    assertTrue(chan.chan());
    VectorFile.Block t = VectorFile.block("deterministic.txt", "chan created from the TIGER");
    Identity tiger = gen.chan(t.get("chan_name"));
    assertEquals(t.get("address"), codec.encode(tiger.address()));
    BitmessageAddress v3 = codec.decode(t.get("joinchan_also_accepts_v3_address"));
    assertEquals(tiger.address().ripe(), v3.ripe());
  }

  @Test
  void wifImport() {
    int checked = 0;
    AddressCrypto ac = new AddressCrypto(hashes, keys);
    for (VectorFile.Block b : VectorFile.read("deterministic.txt")) {
      if (!b.title().startsWith("WIF private keys")) {
        continue;
      }
      PrivateKey s = wif.decode(b.get("priv_signing_key_wif"));
      PrivateKey e = wif.decode(b.get("priv_encryption_key_wif"));
      assertEquals(b.get("priv_signing_key"), HEX.formatHex(s.bytes()));
      assertEquals(b.get("priv_encryption_key"), HEX.formatHex(e.bytes()));
      Ripe ripe = ac.ripe(keys.publicKey(s), keys.publicKey(e));
      assertEquals(b.get("ripe"), ripe.toHex());
      BitmessageAddress addr = codec.decode(b.get("address"));
      assertEquals(ripe, addr.ripe());
      assertEquals(b.get("address"), codec.encode(addr));
      assertEquals(b.get("priv_signing_key_wif"), wif.encode(s));
      checked++;
    }
    assertEquals(2, checked);
  }

  @Test
  void wifRejectsBadInput() {
    String good = VectorFile.block("deterministic.txt", "WIF format").get("wif");
    wif.decode(good);
    String badCheck = good.substring(0, good.length() - 1) + (good.endsWith("J") ? "K" : "J");
    assertThrows(IllegalArgumentException.class, () -> wif.decode(badCheck));
    assertThrows(IllegalArgumentException.class, () -> wif.decode(good.substring(1)));
    assertThrows(IllegalArgumentException.class, () -> wif.decode("0" + good.substring(1)));
    assertThrows(IllegalArgumentException.class, () -> wif.decode(""));
  }

  @Test
  void randomIdentities_haveTheRequiredZeroBytes() {
    Identity normal = gen.random(4, 1, false, "a");
    assertTrue(normal.address().ripe().leadingZeroBytes() >= 1);
    Identity shorter = gen.random(3, 1, true, "b");
    assertTrue(shorter.address().ripe().leadingZeroBytes() >= 2);
    AddressCrypto ac = new AddressCrypto(hashes, keys);
    for (Identity id : List.of(normal, shorter)) {
      assertEquals(
          id.address().ripe(), ac.ripe(id.signing().publicKey(), id.encryption().publicKey()));
      assertEquals(id.address(), codec.decode(codec.encode(id.address())));
    }
    // Same seed, same identity; another seed, another.
    IdentityGenerator again = new IdentityGenerator(hashes, keys, new SeededRandomSource(77));
    assertEquals(normal.address(), again.random(4, 1, false, "a").address());
    assertThrows(IllegalArgumentException.class, () -> gen.random(2, 1, false, ""));
  }
}
