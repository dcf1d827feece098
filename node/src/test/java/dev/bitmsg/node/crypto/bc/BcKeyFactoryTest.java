package dev.bitmsg.node.crypto.bc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.KeyFactory;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.PublicKey;
import dev.bitmsg.vectors.VectorFile;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BcKeyFactoryTest {
  private final KeyFactory keys = new BcKeyFactory();

  @Test
  void publicKeys_matchVectors() {
    int checked = 0;
    for (String file : List.of("address.txt", "deterministic.txt")) {
      for (VectorFile.Block b : VectorFile.read(file)) {
        if (b.has("priv_signing_key") && b.has("pub_signing_key")) {
          assertEquals(
              b.get("pub_signing_key"),
              keys.publicKey(PrivateKey.fromHex(b.get("priv_signing_key"))).toHex(),
              b.title());
          assertEquals(
              b.get("pub_encryption_key"),
              keys.publicKey(PrivateKey.fromHex(b.get("priv_encryption_key"))).toHex(),
              b.title());
          checked++;
        }
      }
    }
    for (VectorFile.Block b : VectorFile.read("tag.txt")) {
      assertEquals(
          b.get("public_key"),
          keys.publicKey(PrivateKey.fromHex(b.get("private_key"))).toHex(),
          b.title());
      checked++;
    }
    VectorFile.Block e = VectorFile.block("ecies.txt", "worked example");
    assertEquals(
        e.get("ephemeral_public_r"),
        keys.publicKey(PrivateKey.fromHex(e.get("ephemeral_private_r"))).toHex());
    assertTrue(checked >= 8, "checked " + checked);
  }

  @Test
  void parsePublicKey_acceptsWireFormAndRejectsOffCurve() {
    VectorFile.Block b = VectorFile.block("address.txt", "PyBitmessage sample keys");
    PublicKey pub = PublicKey.fromHex(b.get("pub_signing_key"));
    assertEquals(pub, keys.parsePublicKey(pub.wireBytes()));
    assertTrue(keys.isValid(pub));
    byte[] bad = pub.bytes();
    bad[64] ^= 1;
    assertFalse(keys.isValid(PublicKey.of(bad)));
    CryptoException ex = assertThrows(CryptoException.class, () -> keys.parsePublicKey(bad));
    assertEquals(CryptoException.Reason.INVALID_KEY, ex.reason());
    assertThrows(CryptoException.class, () -> keys.parsePublicKey(new byte[33]));
  }

  @Test
  void privateKey_rangeChecked_andNeverPrinted() {
    assertThrows(CryptoException.class, () -> PrivateKey.of(new byte[32]));
    byte[] n =
        HexFormat.of().parseHex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
    assertThrows(CryptoException.class, () -> PrivateKey.of(n));
    assertThrows(CryptoException.class, () -> PrivateKey.of(new byte[31]));
    String hex = "93d0b61371a54b53df143b954035d612f8efa8a3ed1cf842c2186bfd8f876665";
    PrivateKey k = PrivateKey.fromHex(hex);
    assertFalse(k.toString().contains("93d0"));
    assertFalse(keys.keyPair(k).toString().contains("93d0"));
    assertEquals(k, PrivateKey.fromHex(hex));
  }

  @Test
  void generate_isReproducibleWithSeededSource() {
    var a = keys.generate(new dev.bitmsg.node.crypto.SeededRandomSource(7));
    var b = keys.generate(new dev.bitmsg.node.crypto.SeededRandomSource(7));
    assertEquals(a, b);
    assertEquals(a.publicKey(), keys.publicKey(a.privateKey()));
  }
}
