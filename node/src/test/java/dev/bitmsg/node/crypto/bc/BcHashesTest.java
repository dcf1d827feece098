package dev.bitmsg.node.crypto.bc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitmsg.node.crypto.Hashes;
import dev.bitmsg.vectors.VectorFile;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BcHashesTest {
  private static final HexFormat HEX = HexFormat.of();
  private final Hashes hashes = new BcHashes();

  @Test
  void hello_matchesSpecSamples() {
    VectorFile.Block b = VectorFile.block("hashes.txt", "double SHA-512");
    byte[] input = b.hex("input");
    assertEquals(
        b.get("input_ascii"), new String(input, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(b.get("sha512"), HEX.formatHex(hashes.sha512(input)));
    assertEquals(b.get("double_sha512"), HEX.formatHex(hashes.doubleSha512(input)));
    assertEquals(
        b.get("ripemd160_of_sha512"), HEX.formatHex(hashes.ripemd160(hashes.sha512(input))));
  }

  @Test
  void emptyPayloadChecksum_isCf83e135() {
    VectorFile.Block b = VectorFile.block("hashes.txt", "empty payload");
    assertEquals(b.get("sha512_empty_first4"), HEX.formatHex(hashes.sha512(new byte[0]), 0, 4));
  }

  @Test
  void parts_areConcatenated() {
    byte[] all = hashes.sha512("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    byte[] split = hashes.sha512(new byte[] {'h', 'e'}, new byte[] {'l', 'l', 'o'});
    assertEquals(HEX.formatHex(all), HEX.formatHex(split));
  }

  @Test
  void hmacSha256_rfc4231Case2() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    byte[] mac =
        hashes.hmacSha256(
            "Jefe".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            "what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", HEX.formatHex(mac));
  }
}
