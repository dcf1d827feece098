package dev.bitmsg.node.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitmsg.node.crypto.bc.BcHashes;
import dev.bitmsg.vectors.VectorFile;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AddressCodecTest {
  private final BcHashes hashes = new BcHashes();
  private final AddressCodec codec = new AddressCodec(hashes);

  @Test
  void everyAddressWithVersionStreamRipe_roundTrips() {
    int checked = 0;
    for (VectorFile.Block b : VectorFile.read("address.txt")) {
      if (b.has("address") && b.has("ripe") && b.has("version")) {
        BitmessageAddress a = codec.decode(b.get("address"));
        assertEquals(Integer.parseInt(b.get("version")), a.version(), b.title());
        assertEquals(b.decimal("stream"), a.stream(), b.title());
        assertEquals(b.get("ripe"), a.ripe().toHex(), b.title());
        assertEquals(b.get("address"), codec.encode(a), b.title());
        checked++;
      }
    }
    assertEquals(9, checked);
  }

  @Test
  void storedBytesChecksumAndInteger_matchTheWorkedBlocks() {
    for (String title : new String[] {"v3 address encode", "v4 address encode"}) {
      VectorFile.Block b = VectorFile.block("address.txt", title);
      byte[] stored = b.hex("stored_bytes");
      assertEquals(b.get("checksum"), HexFormat.of().formatHex(hashes.doubleSha512(stored), 0, 4));
      byte[] all = HexFormat.of().parseHex(b.get("stored_bytes") + b.get("checksum"));
      assertEquals(new BigInteger(b.get("base58_integer")), new BigInteger(1, all));
      assertEquals(
          b.get("address"), "BM-" + Base58.encodeNumber(new BigInteger(b.get("base58_integer"))));
    }
  }

  @Test
  void leadingZeroStripping() {
    VectorFile.Block b = VectorFile.block("address.txt", "leading-zero stripping");
    Ripe a = Ripe.fromHex(b.get("ripe_a"));
    Ripe r2 = Ripe.fromHex(b.get("ripe_b"));
    assertEquals(b.get("v3_address_a"), codec.encode(new BitmessageAddress(3, 1, a)));
    assertEquals(b.get("v4_address_a"), codec.encode(new BitmessageAddress(4, 1, a)));
    assertEquals(b.get("v3_address_b"), codec.encode(new BitmessageAddress(3, 1, r2)));
    assertEquals(b.get("v4_address_b"), codec.encode(new BitmessageAddress(4, 1, r2)));
    Ripe cf = Ripe.fromHex("00cfb69416ae76f68a81c459de4e13460c7d17eb");
    assertEquals(
        b.get("v4_stream2_address_of_ripe_00cfb694"),
        codec.encode(new BitmessageAddress(4, 2, cf)));
    for (String key :
        new String[] {"v3_address_a", "v4_address_a", "v3_address_b", "v4_address_b"}) {
      BitmessageAddress d = codec.decode(b.get(key));
      assertEquals(key.endsWith("_a") ? a : r2, d.ripe(), key);
    }
    assertEquals(2, codec.decode(b.get("v4_stream2_address_of_ripe_00cfb694")).stream());
  }

  @Test
  void invalidAddresses_reportPyBitmessageStatus() {
    VectorFile.Block b = VectorFile.block("address.txt", "MUST be rejected");
    assertStatus(AddressStatus.CHECKSUM_FAILED, b.get("checksum_failed"));
    assertStatus(AddressStatus.ENCODING_PROBLEM, b.get("v4_leading_zero_not_stripped"));
    assertStatus(AddressStatus.INVALID_CHARACTERS, b.get("invalid_character_0"));
    assertStatus(AddressStatus.INVALID_CHARACTERS, "BM-");
    assertStatus(AddressStatus.INVALID_CHARACTERS, "BM-1");
    assertStatus(AddressStatus.INVALID_CHARACTERS, "BM-2cWzSnwjJ7yRP3nLEWUV5LisTZyREWSzIK");
  }

  @Test
  void constructedBadPayloads_reportEachStatus() {
    byte[] ripe20 = HexFormat.of().parseHex("11cfb69416ae76f68a81c459de4e13460c7d17eb");
    assertStatus(AddressStatus.VERSION_TOO_HIGH, withChecksum(concat(new byte[] {5, 1}, ripe20)));
    // A leading 00 (version 0) cannot survive the numeric Base58 form: the checksum then fails.
    assertStatus(AddressStatus.CHECKSUM_FAILED, withChecksum(concat(new byte[] {0, 1}, ripe20)));
    assertStatus(
        AddressStatus.VERSION_TOO_HIGH,
        withChecksum(concat(new byte[] {(byte) 0xfd, 0x01, 0x00, 1}, ripe20)));
    assertStatus(
        AddressStatus.VARINT_MALFORMED,
        withChecksum(concat(new byte[] {4, (byte) 0xfd, 0x00, 0x01}, ripe20)));
    assertStatus(AddressStatus.VARINT_MALFORMED, withChecksum(new byte[] {4}));
    assertStatus(
        AddressStatus.VERSION_UNSUPPORTED, withChecksum(concat(new byte[] {1, 1}, ripe20)));
    assertStatus(
        AddressStatus.RIPE_TOO_LONG,
        withChecksum(concat(new byte[] {4, 1}, concat(ripe20, new byte[] {1}))));
    assertStatus(
        AddressStatus.RIPE_TOO_LONG,
        withChecksum(concat(new byte[] {3, 1}, concat(ripe20, new byte[] {1}))));
    assertStatus(
        AddressStatus.RIPE_TOO_SHORT,
        withChecksum(concat(new byte[] {3, 1}, java.util.Arrays.copyOf(ripe20, 17))));
    assertStatus(
        AddressStatus.RIPE_TOO_SHORT,
        withChecksum(concat(new byte[] {4, 1}, new byte[] {1, 2, 3})));
    // v4 with 4 embedded bytes is the shortest accepted; v3 with 18.
    assertEquals(
        "0000000000000000000000000000000001020304",
        codec
            .decode(withChecksum(concat(new byte[] {4, 1}, new byte[] {1, 2, 3, 4})))
            .ripe()
            .toHex());
    assertEquals(
        3,
        codec
            .decode(withChecksum(concat(new byte[] {3, 1}, java.util.Arrays.copyOf(ripe20, 18))))
            .version());
  }

  @Test
  void prefixOptional_whitespaceIgnored() {
    String a = "BM-2cWzSnwjJ7yRP3nLEWUV5LisTZyREWSzUK";
    assertEquals(codec.decode(a), codec.decode(a.substring(3)));
    assertEquals(codec.decode(a), codec.decode("  " + a + "\n"));
  }

  @Test
  void base58Edges() {
    VectorFile.Block b = VectorFile.block("address.txt", "Base58 alphabet");
    assertEquals(b.get("alphabet"), Base58.ALPHABET);
    assertEquals(b.get("encode_int_0"), Base58.encodeNumber(BigInteger.ZERO));
    assertEquals(new BigInteger(b.get("decode_string_1")), Base58.decodeNumber("1"));
    assertThrows(IllegalArgumentException.class, () -> Base58.decodeNumber("0"));
    assertThrows(IllegalArgumentException.class, () -> Base58.decodeNumber("é"));
    byte[] data = HexFormat.of().parseHex("0000ff01");
    assertEquals("11", Base58.encodeBytes(new byte[2]).substring(0, 2));
    assertEquals(
        HexFormat.of().formatHex(data),
        HexFormat.of().formatHex(Base58.decodeBytes(Base58.encodeBytes(data))));
    VectorFile.Block w = VectorFile.block("deterministic.txt", "WIF format");
    assertEquals(
        w.get("base58_decoded"), HexFormat.of().formatHex(Base58.decodeBytes(w.get("wif"))));
  }

  private String withChecksum(byte[] payload) {
    byte[] all = concat(payload, java.util.Arrays.copyOf(hashes.doubleSha512(payload), 4));
    return "BM-" + Base58.encodeNumber(new BigInteger(1, all));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private void assertStatus(AddressStatus expected, String address) {
    AddressException e = assertThrows(AddressException.class, () -> codec.decode(address), address);
    assertEquals(expected, e.status(), e.getMessage());
  }
}
