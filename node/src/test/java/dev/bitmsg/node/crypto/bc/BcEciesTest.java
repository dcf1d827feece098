package dev.bitmsg.node.crypto.bc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.Ecies;
import dev.bitmsg.node.crypto.EciesEnvelope;
import dev.bitmsg.node.crypto.KeyFactory;
import dev.bitmsg.node.crypto.KeyPair;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.PublicKey;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.TrialMatch;
import dev.bitmsg.vectors.VectorFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BcEciesTest {
  private static final HexFormat HEX = HexFormat.of();
  private final Ecies ecies = new BcEcies(new SeededRandomSource(42));
  private final KeyFactory keys = new BcKeyFactory();

  @Test
  void encrypt_workedExample_matchesBlobByteForByte() {
    VectorFile.Block b = VectorFile.block("ecies.txt", "worked example");
    byte[] blob =
        ecies.encrypt(
            PublicKey.fromHex(b.get("recipient_public_key_k")),
            b.hex("plaintext"),
            b.hex("iv"),
            PrivateKey.fromHex(b.get("ephemeral_private_r")));
    assertEquals(b.get("full_blob"), HEX.formatHex(blob));
    // Parts, so that a mismatch points at the failing step.
    assertEquals(b.get("r_encoded"), HEX.formatHex(blob, 16, 16 + 70));
    assertEquals(b.get("mac"), HEX.formatHex(blob, blob.length - 32, blob.length));
    assertEquals(b.get("ciphertext"), HEX.formatHex(blob, 86, blob.length - 32));
    EciesEnvelope env = ecies.open(blob);
    assertEquals(b.get("ephemeral_public_r"), env.ephemeralKey().toHex());
  }

  @Test
  void realBlobs_decrypt() {
    int checked = 0;
    for (VectorFile.Block b : VectorFile.read("ecies.txt")) {
      if (b.has("ciphertext_blob")) {
        byte[] plain =
            ecies.decrypt(PrivateKey.fromHex(b.get("private_key")), b.hex("ciphertext_blob"));
        assertEquals(b.get("plaintext"), HEX.formatHex(plain), b.title());
        checked++;
      }
    }
    assertEquals(2, checked);
  }

  @Test
  void objects_decryptWithTheirKeys() {
    int checked = 0;
    for (VectorFile.Block b : VectorFile.read("objects.txt")) {
      String keyName =
          b.has("decryption_private_key")
              ? "decryption_private_key"
              : b.has("recipient_private_encryption_key")
                  ? "recipient_private_encryption_key"
                  : null;
      if (keyName == null) {
        continue;
      }
      byte[] object = b.hex("object");
      int blobStart = eciesStart(object, b);
      byte[] blob = Arrays.copyOfRange(object, blobStart, object.length);
      byte[] plain = ecies.decrypt(PrivateKey.fromHex(b.get(keyName)), blob);
      assertEquals(b.get("plaintext"), HEX.formatHex(plain), b.title());
      if (b.has("ecies_blob")) {
        assertEquals(b.get("ecies_blob"), HEX.formatHex(blob));
        // The locally built msg also fixes IV and ephemeral key: encryption must reproduce it.
        PublicKey to = keys.publicKey(PrivateKey.fromHex(b.get(keyName)));
        byte[] again =
            ecies.encrypt(
                to, plain, b.hex("ecies_iv"), PrivateKey.fromHex(b.get("ecies_ephemeral_private")));
        assertEquals(b.get("ecies_blob"), HEX.formatHex(again));
      }
      checked++;
    }
    assertEquals(5, checked);
  }

  /** Offset of the ECIES blob: after the 20-byte header, two 1-byte var_ints and any tag. */
  private static int eciesStart(byte[] object, VectorFile.Block b) {
    assertTrue((object[20] & 0xff) < 0xfd && (object[21] & 0xff) < 0xfd);
    return 22 + (b.has("tag") ? 32 : 0);
  }

  @Test
  void macFailure_rejectedBeforeAes() {
    VectorFile.Block good = VectorFile.block("ecies.txt", "worked example");
    VectorFile.Block bad = VectorFile.block("ecies.txt", "MAC failure");
    // The recipient's private key of the worked example is not given; any key fails the MAC.
    // With the right shared secret the MAC is the only difference: recompute via the sender side.
    byte[] blob = bad.hex("ciphertext_blob_bad");
    EciesEnvelope env = ecies.open(blob);
    PrivateKey someKey = keys.generate(new SeededRandomSource(1)).privateKey();
    CryptoException ex = assertThrows(CryptoException.class, () -> env.decrypt(someKey));
    assertEquals(CryptoException.Reason.MAC_MISMATCH, ex.reason());
    assertEquals(
        good.get("full_blob").substring(0, 200), bad.get("ciphertext_blob_bad").substring(0, 200));
  }

  @Test
  void macFailure_withTheRightKey_isStillRejected() {
    KeyPair recipient = keys.generate(new SeededRandomSource(3));
    byte[] blob =
        ecies.encrypt(
            recipient.publicKey(), "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(
        "hello",
        new String(
            ecies.decrypt(recipient.privateKey(), blob),
            java.nio.charset.StandardCharsets.US_ASCII));
    for (int i : new int[] {0, 20, 90, blob.length - 33, blob.length - 1}) {
      byte[] tampered = blob.clone();
      tampered[i] ^= 0x01;
      try {
        Optional<byte[]> r = ecies.open(tampered).tryDecrypt(recipient.privateKey());
        assertTrue(r.isEmpty(), "tampered byte " + i + " decrypted");
      } catch (CryptoException e) {
        // Flipping a coordinate byte moves the point off the curve: rejected at parse time.
        assertEquals(CryptoException.Reason.INVALID_KEY, e.reason(), "byte " + i);
      }
    }
  }

  @Test
  void shortCoordinates_areLeftPadded() {
    // Re-encode the worked example's R with xlen/ylen minimal (leading zero bytes dropped) is
    // only possible when X or Y start with 00; build a key whose ephemeral X starts with 00.
    KeyPair recipient = keys.generate(new SeededRandomSource(5));
    SeededRandomSource rnd = new SeededRandomSource(11);
    for (int attempt = 0; attempt < 2000; attempt++) {
      PrivateKey eph = keys.generate(rnd).privateKey();
      PublicKey r = keys.publicKey(eph);
      if (r.x()[0] != 0) {
        continue;
      }
      byte[] blob = ecies.encrypt(recipient.publicKey(), new byte[] {1, 2, 3}, new byte[16], eph);
      // Rebuild the blob with a 31-byte X and a fresh MAC is impossible without the shared key
      // on the sender side, so re-encrypt by hand: shared secret via the recipient key.
      byte[] h =
          BcEcies.sha512(
              Secp256k1.decode(r)
                  .multiply(recipient.privateKey().scalar())
                  .normalize()
                  .getAffineXCoord()
                  .getEncoded());
      byte[] shortBlob = new byte[blob.length - 1];
      System.arraycopy(blob, 0, shortBlob, 0, 18);
      shortBlob[18] = 0;
      shortBlob[19] = 31;
      System.arraycopy(blob, 21, shortBlob, 20, blob.length - 21);
      byte[] mac = BcEcies.hmac(h, shortBlob, shortBlob.length - 32);
      System.arraycopy(mac, 0, shortBlob, shortBlob.length - 32, 32);
      assertArrayEquals(new byte[] {1, 2, 3}, ecies.decrypt(recipient.privateKey(), shortBlob));
      return;
    }
    throw new AssertionError("no ephemeral key with a leading zero X byte in 2000 tries");
  }

  @Test
  void malformedBlobs_areTypedErrors() {
    byte[] good = VectorFile.block("ecies.txt", "worked example").hex("full_blob");
    List<byte[]> bad = new ArrayList<>();
    bad.add(new byte[0]);
    bad.add(Arrays.copyOf(good, 17));
    bad.add(Arrays.copyOf(good, 60));
    bad.add(Arrays.copyOf(good, 86 + 32)); // no ciphertext
    bad.add(Arrays.copyOf(good, good.length - 1)); // ciphertext not a block multiple
    byte[] curve = good.clone();
    curve[17] = 0x0b;
    bad.add(curve);
    byte[] xlen = good.clone();
    xlen[19] = 33;
    bad.add(xlen);
    byte[] ylen = good.clone();
    ylen[53] = (byte) 0xff;
    bad.add(ylen);
    for (byte[] b : bad) {
      CryptoException e =
          assertThrows(CryptoException.class, () -> ecies.open(b), HEX.formatHex(b));
      assertEquals(CryptoException.Reason.MALFORMED, e.reason(), e.getMessage());
    }
    byte[] offCurve = good.clone();
    offCurve[60] ^= 1;
    assertEquals(
        CryptoException.Reason.INVALID_KEY,
        assertThrows(CryptoException.class, () -> ecies.open(offCurve)).reason());
  }

  @Test
  void trialDecryption_findsTheOneKeyAmongMany() {
    SeededRandomSource rnd = new SeededRandomSource(9);
    List<PrivateKey> ring = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ring.add(keys.generate(rnd).privateKey());
    }
    byte[] plain = "for key seven".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] blob = ecies.encrypt(keys.publicKey(ring.get(7)), plain);
    EciesEnvelope env = ecies.open(blob);
    Optional<TrialMatch> m = env.tryDecrypt(ring);
    assertTrue(m.isPresent());
    assertEquals(7, m.get().keyIndex());
    assertArrayEquals(plain, m.get().plaintext());
    // The same envelope again (cached comb table) and with the single-key path.
    assertEquals(7, env.tryDecrypt(ring).orElseThrow().keyIndex());
    assertArrayEquals(plain, env.tryDecrypt(ring.get(7)).orElseThrow());
    assertTrue(env.tryDecrypt(ring.subList(0, 7)).isEmpty());
    assertTrue(env.tryDecrypt(List.of(ring.get(8))).isEmpty());
    assertTrue(env.tryDecrypt(List.of()).isEmpty());
  }

  @Test
  void trialDecryption_everyCombWidth() {
    SeededRandomSource rnd = new SeededRandomSource(10);
    List<PrivateKey> ring = new ArrayList<>();
    for (int i = 0; i < 320; i++) {
      ring.add(keys.generate(rnd).privateKey());
    }
    PrivateKey stranger = keys.generate(rnd).privateKey();
    for (int n : new int[] {1, 2, 3, 7, 8, 39, 40, 299, 300, 320}) {
      int target = n - 1;
      byte[] blob = ecies.encrypt(keys.publicKey(ring.get(target)), new byte[] {(byte) n});
      TrialMatch m = ecies.open(blob).tryDecrypt(ring.subList(0, n)).orElseThrow();
      assertEquals(target, m.keyIndex(), "n=" + n);
      assertArrayEquals(new byte[] {(byte) n}, m.plaintext());
      List<PrivateKey> without = new ArrayList<>(ring.subList(0, n));
      without.set(target, stranger);
      assertTrue(ecies.open(blob).tryDecrypt(without).isEmpty(), "n=" + n);
    }
  }

  @Test
  void roundTrip_variousLengths() {
    KeyPair k = keys.generate(new SeededRandomSource(21));
    for (int len : new int[] {0, 1, 15, 16, 17, 1000}) {
      byte[] plain = new SeededRandomSource(len).bytes(len);
      byte[] blob = ecies.encrypt(k.publicKey(), plain);
      assertEquals(16 + 70 + (len / 16 + 1) * 16 + 32, blob.length);
      assertArrayEquals(plain, ecies.decrypt(k.privateKey(), blob));
    }
  }
}
