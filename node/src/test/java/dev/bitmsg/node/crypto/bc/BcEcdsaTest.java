package dev.bitmsg.node.crypto.bc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.PublicKey;
import dev.bitmsg.node.crypto.SignatureDigest;
import dev.bitmsg.vectors.VectorFile;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BcEcdsaTest {
  private static final HexFormat HEX = HexFormat.of();
  private final BcEcdsa ecdsa = new BcEcdsa();
  private final BcKeyFactory keys = new BcKeyFactory();

  @Test
  void sha256AndSha1Vectors() {
    int checked = 0;
    for (VectorFile.Block b : VectorFile.read("signature.txt")) {
      if (!b.has("valid_with_sha1")) {
        continue;
      }
      PublicKey pub = PublicKey.fromHex(b.get("public_key"));
      byte[] msg = b.hex("message");
      byte[] sig = b.hex("signature_der");
      assertEquals(
          Boolean.parseBoolean(b.get("valid_with_sha1")),
          ecdsa.verify(pub, msg, sig, SignatureDigest.SHA1),
          b.title());
      assertEquals(
          Boolean.parseBoolean(b.get("valid_with_sha256")),
          ecdsa.verify(pub, msg, sig, SignatureDigest.SHA256),
          b.title());
      assertEquals(
          Boolean.parseBoolean(b.get("accepted_by_pybitmessage_verify")),
          ecdsa.verify(pub, msg, sig),
          b.title());
      checked++;
    }
    assertEquals(2, checked);
  }

  @Test
  void rfc6979Signature_isReproducedExactly() {
    VectorFile.Block b = VectorFile.block("signature.txt", "RFC 6979");
    PrivateKey key = PrivateKey.fromHex(b.get("private_key"));
    byte[] sig = ecdsa.sign(key, b.hex("message"));
    assertEquals(b.get("signature_der"), HEX.formatHex(sig));
    PublicKey pub = keys.publicKey(key);
    assertEquals(Optional.of(SignatureDigest.SHA256), ecdsa.verifyAny(pub, b.hex("message"), sig));
    assertFalse(ecdsa.verify(pub, b.hex("tampered_message"), sig));
  }

  @Test
  void objectSignatures_verify() {
    int checked = 0;
    for (VectorFile.Block b : VectorFile.read("objects.txt")) {
      if (b.has("signed_data") && b.has("signature") && b.has("pub_signing_key")) {
        PublicKey pub = PublicKey.fromHex(b.get("pub_signing_key"));
        SignatureDigest d =
            SignatureDigest.valueOf(b.get("signature_digest").toUpperCase(java.util.Locale.ROOT));
        assertEquals(
            Optional.of(d),
            ecdsa.verifyAny(pub, b.hex("signed_data"), b.hex("signature")),
            b.title());
        checked++;
      }
    }
    VectorFile.Block local = VectorFile.block("objects.txt", "msg object built locally");
    PrivateKey sender =
        PrivateKey.fromHex(
            VectorFile.block("deterministic.txt", "1 leading zero byte").get("priv_signing_key"));
    assertEquals(
        local.get("signature_sha256_rfc6979"),
        HEX.formatHex(ecdsa.sign(sender, local.hex("signed_data"))));
    assertEquals(2, checked);
  }

  @Test
  void signaturesInsideDecryptedMsgAndBroadcasts_verify() {
    int checked = 0;
    for (VectorFile.Block b : VectorFile.read("objects.txt")) {
      if (!b.has("plaintext")
          || !(b.has("signed_data") || b.has("signed_data_prefix"))
          || b.has("pub_signing_key")) {
        continue;
      }
      byte[] plain = b.hex("plaintext");
      // Layout: version, stream (1-byte var_ints here), bitfield(4), sigKey(64), ... sigLen, sig.
      assertTrue(plain[0] < 0x7f && plain[1] < 0x7f);
      PublicKey sender = keys.parsePublicKey(java.util.Arrays.copyOfRange(plain, 6, 70));
      int sigLen = -1;
      for (int len = 8; len <= 73 && len < plain.length; len++) {
        int at = plain.length - len;
        if ((plain[at - 1] & 0xff) == len
            && plain[at] == 0x30
            && (plain[at + 1] & 0xff) == len - 2) {
          sigLen = len;
        }
      }
      assertTrue(sigLen > 0, b.title());
      byte[] sig = java.util.Arrays.copyOfRange(plain, plain.length - sigLen, plain.length);
      byte[] signed;
      if (b.has("signed_data")) {
        signed = b.hex("signed_data");
      } else {
        byte[] prefix = b.hex("signed_data_prefix");
        signed = java.util.Arrays.copyOf(prefix, prefix.length + plain.length - sigLen - 1);
        System.arraycopy(plain, 0, signed, prefix.length, plain.length - sigLen - 1);
      }
      SignatureDigest expected =
          b.has("signature_digest")
              ? SignatureDigest.valueOf(
                  b.get("signature_digest").toUpperCase(java.util.Locale.ROOT))
              : b.title().contains("SHA-1") ? SignatureDigest.SHA1 : SignatureDigest.SHA256;
      assertEquals(Optional.of(expected), ecdsa.verifyAny(sender, signed, sig), b.title());
      checked++;
    }
    assertEquals(4, checked);
  }

  @Test
  void nonStrictDer_isRejected() {
    VectorFile.Block b = VectorFile.block("signature.txt", "SHA-256 digest");
    PublicKey pub = PublicKey.fromHex(b.get("public_key"));
    byte[] sig = b.hex("signature_der");
    assertTrue(ecdsa.verify(pub, b.hex("message"), sig));
    // Long-form length for the sequence: valid BER, not DER.
    byte[] ber = new byte[sig.length + 1];
    ber[0] = 0x30;
    ber[1] = (byte) 0x81;
    ber[2] = sig[1];
    System.arraycopy(sig, 2, ber, 3, sig.length - 2);
    assertFalse(ecdsa.verify(pub, b.hex("message"), ber));
    byte[] trailing = java.util.Arrays.copyOf(sig, sig.length + 1);
    assertFalse(ecdsa.verify(pub, b.hex("message"), trailing));
    assertFalse(ecdsa.verify(pub, b.hex("message"), new byte[] {0x30, 0x00}));
    assertFalse(ecdsa.verify(pub, b.hex("message"), new byte[0]));
  }
}
