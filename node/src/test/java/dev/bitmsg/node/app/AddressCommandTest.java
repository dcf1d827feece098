package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressCrypto;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Wif;
import dev.bitmsg.node.crypto.bc.BcHashes;
import dev.bitmsg.node.crypto.bc.BcKeyFactory;
import dev.bitmsg.vectors.VectorFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AddressCommandTest {
  private final BcHashes hashes = new BcHashes();
  private final BcKeyFactory keys = new BcKeyFactory();
  private final AddressCodec codec = new AddressCodec(hashes);
  private final Wif wif = new Wif(hashes);

  @Test
  void new_printsAddressWhoseKeysHashToIt() {
    CommandRunner.Result r = CommandRunner.run(5, "address", "new");
    assertEquals(0, r.exit(), r.err());
    String address = field(r.out(), "address");
    BitmessageAddress a = codec.decode(address);
    assertEquals(4, a.version());
    assertEquals(1, a.stream());
    AddressCrypto ac = new AddressCrypto(hashes, keys);
    assertEquals(
        a.ripe(),
        ac.ripe(
            keys.publicKey(wif.decode(field(r.out(), "signing_key_wif"))),
            keys.publicKey(wif.decode(field(r.out(), "encryption_key_wif")))));
    // Same seed, same output; JSON carries the same address.
    CommandRunner.Result j = CommandRunner.run(5, "address", "new", "--json");
    assertTrue(j.out().strip().startsWith("{\"address\": \"" + address + "\""), j.out());
    assertTrue(j.out().contains("\"signing_key_wif\": \"5"), j.out());
  }

  @Test
  void new_version3AndBadVersion() {
    CommandRunner.Result r =
        CommandRunner.run(6, "address", "new", "--version", "3", "--stream", "1");
    assertEquals(0, r.exit(), r.err());
    assertEquals(3, codec.decode(field(r.out(), "address")).version());
    CommandRunner.Result bad = CommandRunner.run("address", "new", "--version", "5");
    assertEquals(1, bad.exit());
    assertTrue(bad.err().contains("--version must be 3 or 4"), bad.err());
  }

  @Test
  void deterministic_matchesVectors() {
    VectorFile.Block b = VectorFile.block("deterministic.txt", "1 leading zero byte");
    CommandRunner.Result r =
        CommandRunner.run("address", "deterministic", "--passphrase", b.get("passphrase_ascii"));
    assertEquals(0, r.exit(), r.err());
    assertEquals(b.get("address_v4_stream1"), r.out().strip());
    CommandRunner.Result v3 =
        CommandRunner.run(
            "address",
            "deterministic",
            "--passphrase",
            b.get("passphrase_ascii"),
            "--version",
            "3");
    assertEquals(b.get("address_v3_stream1"), v3.out().strip());
    CommandRunner.Result two =
        CommandRunner.run(
            "address",
            "deterministic",
            "--passphrase",
            b.get("passphrase_ascii"),
            "--count",
            "2",
            "--json");
    assertEquals(0, two.exit(), two.err());
    String json = two.out().strip();
    assertTrue(
        json.startsWith(
            "[{\"address\": \""
                + b.get("address_v4_stream1")
                + "\", \"signing_key_wif\": \""
                + b.get("priv_signing_key_wif")
                + "\", \"encryption_key_wif\": \""
                + b.get("priv_encryption_key_wif")
                + "\"}, {\"address\": \"BM-"),
        json);
    assertTrue(json.endsWith("\"}]"), json);
    String lines =
        CommandRunner.run(
                "address",
                "deterministic",
                "--passphrase",
                b.get("passphrase_ascii"),
                "--count",
                "2")
            .out();
    String[] split = lines.strip().split("\n", -1);
    assertEquals(2, split.length);
    assertTrue(json.contains(split[1]), json);
  }

  @Test
  void chan_matchesVector() {
    VectorFile.Block b = VectorFile.block("deterministic.txt", "chan \"bitmessage\"");
    CommandRunner.Result r =
        CommandRunner.run("address", "chan", "--name", b.get("chan_name_passphrase"));
    assertEquals(0, r.exit(), r.err());
    assertEquals(b.get("address"), r.out().strip());
    CommandRunner.Result j =
        CommandRunner.run("address", "chan", "--name", b.get("chan_name_passphrase"), "--json");
    assertTrue(j.out().contains("\"label\": \"[chan] bitmessage\""), j.out());
  }

  @Test
  void decode_printsFullRipe_andRejectsBadChecksum() {
    int checked = 0;
    for (VectorFile.Block b : VectorFile.read("address.txt")) {
      if (!b.has("address") || !b.has("ripe")) {
        continue;
      }
      CommandRunner.Result r = CommandRunner.run("address", "decode", b.get("address"));
      assertEquals(0, r.exit(), r.err());
      assertEquals(b.get("version"), field(r.out(), "version"), b.title());
      assertEquals(b.get("stream"), field(r.out(), "stream"), b.title());
      assertEquals(b.get("ripe"), field(r.out(), "ripe"), b.title());
      checked++;
    }
    assertEquals(9, checked);
    CommandRunner.Result j =
        CommandRunner.run("address", "decode", "BM-2cWzSnwjJ7yRP3nLEWUV5LisTZyREWSzUK", "--json");
    assertEquals(
        "{\"address\": \"BM-2cWzSnwjJ7yRP3nLEWUV5LisTZyREWSzUK\", \"version\": 4, \"stream\": 1, \"ripe\": \"00cfb69416ae76f68a81c459de4e13460c7d17eb\"}",
        j.out().strip());
    VectorFile.Block bad = VectorFile.block("address.txt", "MUST be rejected");
    CommandRunner.Result f = CommandRunner.run("address", "decode", bad.get("checksum_failed"));
    assertEquals(1, f.exit());
    assertTrue(f.err().contains("checksum"), f.err());
    assertEquals("", f.out());
    CommandRunner.Result c = CommandRunner.run("address", "decode", bad.get("invalid_character_0"));
    assertEquals(1, c.exit());
    assertTrue(c.err().contains("invalidcharacters"), c.err());
  }

  private static String field(String out, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + ": (.*)$").matcher(out);
    assertTrue(m.find(), name + " in " + out);
    return m.group(1).strip();
  }
}
