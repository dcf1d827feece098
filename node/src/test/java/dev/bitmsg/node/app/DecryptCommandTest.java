package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.Wif;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.bc.BcHashes;
import dev.bitmsg.vectors.VectorFile;
import org.junit.jupiter.api.Test;

class DecryptCommandTest {
  private final Wif wif = new Wif(new BcHashes());

  @Test
  void decryptsRealBlobs_plaintextOnLastLine() {
    int checked = 0;
    for (VectorFile.Block b : VectorFile.read("ecies.txt")) {
      if (!b.has("ciphertext_blob")) {
        continue;
      }
      String key = wif.encode(PrivateKey.fromHex(b.get("private_key")));
      CommandRunner.Result r =
          CommandRunner.run("decrypt", "--key", key, "--hex", b.get("ciphertext_blob"));
      assertEquals(0, r.exit(), r.err());
      assertEquals(b.get("plaintext"), r.lastLine());
      // Raw hex keys work too.
      assertEquals(
          b.get("plaintext"),
          CommandRunner.run(
                  "decrypt", "--key", b.get("private_key"), "--hex", b.get("ciphertext_blob"))
              .lastLine());
      checked++;
    }
    assertEquals(2, checked);
  }

  @Test
  void failures_exit1WithReason() {
    VectorFile.Block b = VectorFile.block("ecies.txt", "real-world ciphertext");
    String key = wif.encode(PrivateKey.fromHex(b.get("private_key")));
    String blob = b.get("ciphertext_blob");
    String flipped = blob.substring(0, blob.length() - 1) + (blob.endsWith("d") ? "c" : "d");
    CommandRunner.Result mac = CommandRunner.run("decrypt", "--key", key, "--hex", flipped);
    assertEquals(1, mac.exit());
    assertTrue(mac.err().contains("MAC_MISMATCH"), mac.err());
    CommandRunner.Result shortBlob =
        CommandRunner.run("decrypt", "--key", key, "--hex", blob.substring(0, 40));
    assertEquals(1, shortBlob.exit());
    assertTrue(shortBlob.err().contains("MALFORMED"), shortBlob.err());
    CommandRunner.Result badHex = CommandRunner.run("decrypt", "--key", key, "--hex", "zz");
    assertEquals(1, badHex.exit());
    assertTrue(badHex.err().contains("--hex"), badHex.err());
    CommandRunner.Result badKey = CommandRunner.run("decrypt", "--key", "5notakey", "--hex", blob);
    assertEquals(1, badKey.exit());
    assertTrue(badKey.err().contains("--key"), badKey.err());
    CommandRunner.Result missing = CommandRunner.run("decrypt", "--key", key);
    assertEquals(2, missing.exit());
  }
}
