package dev.bitmsg.node.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitmsg.vectors.VectorFile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VarIntVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<Arguments> encodings() {
    List<Arguments> out = new ArrayList<>();
    for (VectorFile.Block b : VectorFile.read("varint.txt")) {
      for (Map.Entry<String, String> e : b.entries()) {
        if (e.getKey().startsWith("encode_")) {
          out.add(Arguments.of(e.getKey().substring(7), e.getValue()));
        }
      }
    }
    return out.stream();
  }

  static Stream<String> rejects() {
    return VectorFile.read("varint.txt").stream().flatMap(b -> b.all("reject").stream());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("encodings")
  void encode_matchesVector(String decimal, String hex) {
    long value = Long.parseUnsignedLong(decimal);
    assertEquals(hex, HEX.formatHex(VarInt.encode(value)));
    assertEquals(hex.length() / 2, VarInt.size(value));
    ByteBuffer buf = ByteBuffer.wrap(HEX.parseHex(hex));
    assertEquals(value, VarInt.read(buf));
    assertFalse(buf.hasRemaining());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejects")
  void read_rejectsNonMinimalAndTruncated(String hex) {
    assertThrows(ProtocolException.class, () -> VarInt.read(ByteBuffer.wrap(HEX.parseHex(hex))));
  }

  @Test
  void read_emptyInputIsAnError() {
    assertThrows(ProtocolException.class, () -> VarInt.read(ByteBuffer.allocate(0)));
  }

  @Test
  void read_specialDecodes() {
    VectorFile.Block b = VectorFile.block("varint.txt", "special decodes");
    for (Map.Entry<String, String> e : b.entries()) {
      byte[] in = HEX.parseHex(e.getKey().substring("decode_".length()));
      ByteBuffer buf = ByteBuffer.wrap(in);
      assertEquals(Long.parseLong(e.getValue()), VarInt.read(buf));
      assertEquals(5, buf.position());
    }
  }

  @Test
  void varStrAndList_matchVectors() {
    VectorFile.Block b = VectorFile.block("varint.txt", "var_str and var_int_list");
    assertEquals(b.get("var_str_empty"), encodeStr(""));
    assertEquals(b.get("var_str_user_agent"), encodeStr("/PyBitmessage:0.6.3.2/"));
    assertEquals(
        "/PyBitmessage:0.6.3.2/",
        VarStr.read(ByteBuffer.wrap(b.hex("var_str_user_agent")), 5000, "ua"));
    assertList(b.get("var_int_list_1"), List.of(1L));
    assertList(b.get("var_int_list_1_2_3"), List.of(1L, 2L, 3L));
    assertList(b.get("var_int_list_1_300"), List.of(1L, 300L));
  }

  @Test
  void varStr_rejectsOverLimitAndTruncation() {
    assertThrows(
        ProtocolException.class,
        () -> VarStr.read(ByteBuffer.wrap(HEX.parseHex("03616263")), 2, "s"));
    assertThrows(
        ProtocolException.class,
        () -> VarStr.read(ByteBuffer.wrap(HEX.parseHex("036162")), 10, "s"));
  }

  @Test
  void varIntList_rejectsCountThatCannotFitBeforeAllocating() {
    // count 150,000 but only 2 bytes follow: rejected on the byte check, not by reading items.
    byte[] in = HEX.parseHex("fe000249f00101");
    assertThrows(
        ProtocolException.class, () -> VarIntList.read(ByteBuffer.wrap(in), 160_000, "streams"));
    byte[] over = HEX.parseHex("fe00027101");
    assertThrows(
        ProtocolException.class, () -> VarIntList.read(ByteBuffer.wrap(over), 160_000, "streams"));
  }

  private static String encodeStr(String s) {
    ByteBuffer buf = ByteBuffer.allocate(VarStr.size(s));
    VarStr.write(buf, s);
    return HEX.formatHex(buf.array());
  }

  private static void assertList(String hex, List<Long> values) {
    ByteBuffer buf = ByteBuffer.allocate(VarIntList.size(values));
    VarIntList.write(buf, values);
    assertArrayEquals(HEX.parseHex(hex), buf.array());
    ByteBuffer in = ByteBuffer.wrap(HEX.parseHex(hex));
    assertEquals(values, VarIntList.read(in, 160_000, "list"));
    assertFalse(in.hasRemaining());
  }
}
