package dev.bitmsg.node.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcHashes;
import dev.bitmsg.node.crypto.bc.BcKeyFactory;
import dev.bitmsg.pow.Difficulty;
import dev.bitmsg.vectors.VectorFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysDatTest {
  private final BcHashes hashes = new BcHashes();
  private final BcKeyFactory keys = new BcKeyFactory();
  private final AddressCodec codec = new AddressCodec(hashes);
  private final AddressCrypto crypto = new AddressCrypto(hashes, keys);
  private final Wif wif = new Wif(hashes);
  private final KeysDat keysDat = new KeysDat(codec, crypto, keys, wif);

  /** Written by hand in the layout PyBitmessage's configparser produces, plus dialect quirks. */
  private static String sample() {
    VectorFile.Block tiger = VectorFile.block("deterministic.txt", "1 leading zero byte");
    VectorFile.Block chan = VectorFile.block("deterministic.txt", "chan \"bitmessage\"");
    VectorFile.Block jabit =
        VectorFile.read("deterministic.txt").stream()
            .filter(b -> b.source().contains("ensureV3IdentityCanBeImported"))
            .findFirst()
            .orElseThrow();
    return String.join(
        "\n",
        "# keys.dat written by hand",
        "[bitmessagesettings]",
        "settingsversion = 10",
        "port = 8444",
        "daemon = false",
        "",
        "[" + tiger.get("address_v4_stream1") + "]",
        "label = Tiger 100%% real",
        "enabled = true",
        "decoy = false",
        "noncetrialsperbyte = 2000",
        "payloadlengthextrabytes = 1000",
        "privsigningkey = " + tiger.get("priv_signing_key_wif"),
        "privencryptionkey = " + tiger.get("priv_encryption_key_wif"),
        "lastpubkeysendtime = 1700000000",
        "",
        "; a chan",
        "[" + chan.get("address") + "]",
        "label = " + chan.get("label"),
        "Enabled: yes",
        "decoy = false",
        "chan = true",
        "privsigningkey=" + chan.get("priv_signing_key_wif"),
        "privencryptionkey = " + chan.get("priv_encryption_key_wif"),
        "",
        "[" + jabit.get("address") + "]",
        "label = multi",
        "\tline",
        "enabled = false",
        "privsigningkey = " + jabit.get("priv_signing_key_wif"),
        "privencryptionkey = " + jabit.get("priv_encryption_key_wif"),
        "");
  }

  @Test
  void handWrittenSample_imports() {
    IniFile ini = IniFile.parse(sample());
    List<Identity> ids = keysDat.identities(ini);
    assertEquals(3, ids.size());
    VectorFile.Block tiger = VectorFile.block("deterministic.txt", "1 leading zero byte");
    Identity t = ids.get(0);
    assertEquals(tiger.get("address_v4_stream1"), codec.encode(t.address()));
    assertEquals("Tiger 100% real", t.label());
    assertEquals(new Difficulty(2000, 1000), t.difficulty());
    assertTrue(t.enabled());
    assertFalse(t.chan());
    assertEquals(
        tiger.get("priv_signing_key"), HexFormat.of().formatHex(t.signing().privateKey().bytes()));
    Identity c = ids.get(1);
    assertTrue(c.chan());
    assertTrue(c.enabled());
    assertEquals("[chan] bitmessage", c.label());
    Identity j = ids.get(2);
    assertEquals(3, j.address().version());
    assertFalse(j.enabled());
    assertEquals("multi\nline", j.label());
    assertEquals(Difficulty.NETWORK_DEFAULT, j.difficulty());
    assertEquals("8444", ini.get("bitmessagesettings", "port").orElseThrow());
    assertEquals(
        "1700000000", ini.get(tiger.get("address_v4_stream1"), "lastpubkeysendtime").orElseThrow());
  }

  @Test
  void roundTrip_keepsUnknownOptionsAndIdentities(@TempDir Path dir) throws Exception {
    IniFile ini = IniFile.parse(sample());
    Path file = dir.resolve("keys.dat");
    Files.writeString(file, "old content that must be replaced");
    ini.save(file);
    IniFile again = IniFile.load(file);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals(
          "rw-------",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(file)));
    }
    try (var listing = Files.list(dir)) {
      assertEquals(1, listing.count(), "no temporary file left behind");
    }
    assertEquals(ini, again);
    assertEquals(keysDat.identities(ini), keysDat.identities(again));
    // Rewriting the identities into the file changes nothing we model and keeps the rest.
    IniFile rewritten = again;
    for (Identity id : keysDat.identities(again)) {
      rewritten = keysDat.put(rewritten, id);
    }
    assertEquals(keysDat.identities(ini), keysDat.identities(rewritten));
    String tigerSection =
        VectorFile.block("deterministic.txt", "1 leading zero byte").get("address_v4_stream1");
    assertEquals("1700000000", rewritten.get(tigerSection, "lastpubkeysendtime").orElseThrow());
    assertEquals("Tiger 100%% real", rewritten.get(tigerSection, "label").orElseThrow());
  }

  @Test
  void freshFile_ofGeneratedIdentities_roundTrips() {
    IdentityGenerator gen = new IdentityGenerator(hashes, keys, new SeededRandomSource(5));
    List<Identity> ids = List.of(gen.random(4, 1, false, "mine"), gen.chan("general"));
    String text = keysDat.write(ids).write();
    assertTrue(text.startsWith("[bitmessagesettings]\n\n[BM-"), text);
    assertTrue(text.contains("\nprivsigningkey = 5"), text);
    assertTrue(text.contains("\nchan = true\n"), text);
    assertEquals(ids, keysDat.identities(IniFile.parse(text)));
  }

  @Test
  void brokenFiles_areTypedErrors() {
    VectorFile.Block tiger = VectorFile.block("deterministic.txt", "1 leading zero byte");
    String section = "[" + tiger.get("address_v4_stream1") + "]\n";
    assertThrows(KeysDatException.class, () -> IniFile.parse("label = x\n"));
    assertThrows(KeysDatException.class, () -> IniFile.parse("[a]\nx = 1\nx = 2\n"));
    assertThrows(KeysDatException.class, () -> IniFile.parse("[a]\n[a]\n"));
    assertThrows(KeysDatException.class, () -> IniFile.parse("[a]\njust words\n"));
    assertThrows(KeysDatException.class, () -> IniFile.parse("[a\n"));
    // Keys swapped: they no longer hash to the address's ripe.
    String swapped =
        section
            + "privsigningkey = "
            + tiger.get("priv_encryption_key_wif")
            + "\nprivencryptionkey = "
            + tiger.get("priv_signing_key_wif")
            + "\n";
    KeysDatException e =
        assertThrows(KeysDatException.class, () -> keysDat.identities(IniFile.parse(swapped)));
    assertTrue(String.valueOf(e.getMessage()).contains("ripe"), e.getMessage());
    String missing = section + "privsigningkey = " + tiger.get("priv_signing_key_wif") + "\n";
    assertThrows(KeysDatException.class, () -> keysDat.identities(IniFile.parse(missing)));
    String badWif = section + "privsigningkey = 5abc\nprivencryptionkey = 5abc\n";
    assertThrows(KeysDatException.class, () -> keysDat.identities(IniFile.parse(badWif)));
    String badBool =
        section
            + "enabled = maybe\nprivsigningkey = "
            + tiger.get("priv_signing_key_wif")
            + "\nprivencryptionkey = "
            + tiger.get("priv_encryption_key_wif")
            + "\n";
    assertThrows(KeysDatException.class, () -> keysDat.identities(IniFile.parse(badBool)));
    assertThrows(
        KeysDatException.class,
        () -> keysDat.identities(IniFile.parse("[BM-2cWzSnwjJ7yRP3nLEWUV5LisTZyREWSzUL]\n")));
  }
}
