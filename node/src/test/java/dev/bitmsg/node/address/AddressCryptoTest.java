package dev.bitmsg.node.address;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitmsg.node.crypto.PublicKey;
import dev.bitmsg.node.crypto.bc.BcHashes;
import dev.bitmsg.node.crypto.bc.BcKeyFactory;
import dev.bitmsg.vectors.VectorFile;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressCryptoTest {
  private final BcHashes hashes = new BcHashes();
  private final AddressCodec codec = new AddressCodec(hashes);
  private final AddressCrypto crypto = new AddressCrypto(hashes, new BcKeyFactory());

  @Test
  void ripeOfPublicKeys() {
    int checked = 0;
    for (String file : List.of("address.txt", "deterministic.txt")) {
      for (VectorFile.Block b : VectorFile.read(file)) {
        if (b.has("pub_signing_key") && b.has("ripe")) {
          PublicKey s = PublicKey.fromHex(b.get("pub_signing_key"));
          PublicKey e = PublicKey.fromHex(b.get("pub_encryption_key"));
          assertEquals(b.get("ripe"), crypto.ripe(s, e).toHex(), b.title());
          if (b.has("sha512_of_pubsig_pubenc")) {
            assertEquals(
                b.get("sha512_of_pubsig_pubenc"),
                HexFormat.of().formatHex(hashes.sha512(s.bytes(), e.bytes())));
          }
          checked++;
        }
      }
    }
    VectorFile.Block v2 = VectorFile.block("objects.txt", "pubkey object v2");
    assertEquals(
        v2.get("ripe"),
        crypto
            .ripe(
                PublicKey.fromHex(v2.get("pub_signing_key")),
                PublicKey.fromHex(v2.get("pub_encryption_key")))
            .toHex());
    assertEquals(
        v2.get("address"), codec.encode(new BitmessageAddress(2, 1, Ripe.fromHex(v2.get("ripe")))));
    assertEquals(4, checked);
  }

  @Test
  void tagsAndTaggedKeys() {
    int checked = 0;
    for (VectorFile.Block b : VectorFile.read("tag.txt")) {
      BitmessageAddress a = codec.decode(b.get("address"));
      if (b.has("tag")) {
        assertEquals(
            b.get("double_sha512"),
            HexFormat.of().formatHex(hashes.doubleSha512(b.hex("hashed_data"))),
            b.title());
        assertEquals(b.get("tag"), crypto.tag(a).toHex(), b.title());
        assertEquals(
            b.get("private_key"),
            HexFormat.of().formatHex(crypto.taggedKey(a).privateKey().bytes()),
            b.title());
        assertEquals(b.get("public_key"), crypto.taggedKey(a).publicKey().toHex(), b.title());
      } else {
        assertEquals(
            b.get("private_key"),
            HexFormat.of().formatHex(crypto.legacyBroadcastKey(a).privateKey().bytes()),
            b.title());
        assertEquals(
            b.get("public_key"), crypto.legacyBroadcastKey(a).publicKey().toHex(), b.title());
      }
      checked++;
    }
    assertEquals(4, checked);
    // The tags carried by real objects.
    for (VectorFile.Block b : VectorFile.read("objects.txt")) {
      if (b.has("tag")) {
        String addr = b.has("address") ? b.get("address") : b.get("sender_address");
        assertEquals(b.get("tag"), crypto.tag(codec.decode(addr)).toHex(), b.title());
        assertEquals(
            b.get("decryption_private_key"),
            HexFormat.of().formatHex(crypto.taggedKey(codec.decode(addr)).privateKey().bytes()));
      }
    }
    VectorFile.Block v4b = VectorFile.block("objects.txt", "broadcast object version 4");
    assertEquals(
        v4b.get("decryption_private_key"),
        HexFormat.of()
            .formatHex(
                crypto
                    .legacyBroadcastKey(codec.decode(v4b.get("sender_address")))
                    .privateKey()
                    .bytes()));
  }
}
