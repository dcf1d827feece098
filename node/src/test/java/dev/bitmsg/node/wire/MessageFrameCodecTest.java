package dev.bitmsg.node.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitmsg.vectors.VectorFile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecTest {
  private static Message decodeFrame(String hex) {
    Frame f = FrameCodec.decode(Bytes.fromHex(hex).asReadOnlyBuffer()).orElseThrow();
    return MessageFrameCodec.decode(f);
  }

  @Test
  void version_vector_decodesEveryField() {
    VectorFile.Block b = VectorFile.block("framing.txt", "version message");
    Version v = assertInstanceOf(Version.class, decodeFrame(b.get("frame")));
    assertEquals(3, v.protocolVersion());
    assertEquals(11, v.services());
    assertEquals(1700000000L, v.timestamp());
    assertEquals(1, v.addrRecv().services());
    assertEquals("127.0.0.1", v.addrRecv().host());
    assertEquals(8444, v.addrRecv().port());
    assertEquals(11, v.addrFrom().services());
    assertEquals(0x0102030405060708L, v.nonce());
    assertEquals("/PyBitmessage:0.6.3.2/", v.userAgentText());
    assertEquals(List.of(1L), v.streams());
    assertEquals(b.get("payload"), v.toBytes().toHex());
    assertEquals(b.decimal("payload_length"), v.serializedSize());
    assertEquals(b.get("frame"), MessageFrameCodec.encode(v).toHex());
    Version built =
        Version.of(
            3,
            11,
            1700000000L,
            new NetworkAddress(1, HostEncoding.ipv4(new byte[] {127, 0, 0, 1}), 8444),
            new NetworkAddress(11, HostEncoding.ipv4(new byte[] {127, 0, 0, 1}), 8444),
            0x0102030405060708L,
            "/PyBitmessage:0.6.3.2/",
            List.of(1L));
    assertEquals(v, built);
  }

  @Test
  void addr_vector_decodesEntry() {
    VectorFile.Block b = VectorFile.block("framing.txt", "addr with one entry");
    Addr a = assertInstanceOf(Addr.class, decodeFrame(b.get("frame")));
    TimedNetworkAddress e = a.addresses().get(0);
    assertEquals(1626611891L, e.time());
    assertEquals(1, e.stream());
    assertEquals(1, e.address().services());
    assertEquals("127.0.0.1", e.address().host());
    assertEquals(8444, e.address().port());
    assertEquals(
        b.get("net_addr_38"), Bytes.wrap(e.write(ByteBuffer.allocate(38)).array()).toHex());
    assertEquals(
        b.get("net_addr_26"),
        Bytes.wrap(e.address().write(ByteBuffer.allocate(26)).array()).toHex());
    assertEquals(b.get("payload"), a.toBytes().toHex());
  }

  @Test
  void addr_500EntrySample_roundTrips() {
    VectorFile.Block b = VectorFile.block("framing.txt", "addr with one entry");
    StringBuilder hex = new StringBuilder("fd01f4");
    for (int i = 0; i < 500; i++) {
      hex.append(b.get("net_addr_38"));
    }
    Addr a = Addr.read(Bytes.fromHex(hex.toString()).asReadOnlyBuffer());
    assertEquals(500, a.addresses().size());
    assertEquals(hex.toString(), a.toBytes().toHex());
  }

  @Test
  void invGetDataDinv_vectors() {
    VectorFile.Block b = VectorFile.block("framing.txt", "inv / getdata / dinv");
    InventoryVector expected =
        InventoryVector.fromHex("88d5b0924eeaead86ff9af72269f33380a2540ae5ac60e45e3a871b2a2315138");
    assertEquals(new Inv(List.of(expected)), decodeFrame(b.get("inv_frame")));
    assertEquals(new GetData(List.of(expected)), decodeFrame(b.get("getdata_frame")));
    assertEquals(new Dinv(List.of(expected)), decodeFrame(b.get("dinv_frame")));
    assertEquals(b.get("inv_frame"), MessageFrameCodec.encode(new Inv(List.of(expected))).toHex());
  }

  @Test
  void error_vector() {
    VectorFile.Block b = VectorFile.block("framing.txt", "error message");
    ErrorMessage e = assertInstanceOf(ErrorMessage.class, decodeFrame(b.get("frame")));
    assertEquals(ErrorMessage.FATAL, e.fatal());
    assertEquals(0, e.banTime());
    assertEquals(0, e.inventoryVector().length());
    assertEquals("I'm connected to myself. Closing connection.", e.textString());
    assertEquals(
        b.get("frame"),
        MessageFrameCodec.encode(
                ErrorMessage.of(2, 0, "I'm connected to myself. Closing connection."))
            .toHex());
  }

  @Test
  void emptyMessages_vectors() {
    assertInstanceOf(
        VerAck.class, decodeFrame(VectorFile.block("framing.txt", "verack").get("frame")));
    assertInstanceOf(
        Ping.class, decodeFrame(VectorFile.block("framing.txt", "message ping").get("frame")));
    assertInstanceOf(
        Pong.class, decodeFrame(VectorFile.block("framing.txt", "message pong").get("frame")));
    assertEquals(
        VectorFile.block("framing.txt", "verack").get("frame"),
        MessageFrameCodec.encode(new VerAck()).toHex());
  }

  @Test
  void object_vector_keepsBytesAndVector() {
    VectorFile.Block b = VectorFile.block("framing.txt", "object message");
    ObjectMessage o = assertInstanceOf(ObjectMessage.class, decodeFrame(b.get("frame")));
    assertEquals(b.get("payload"), o.raw().toHex());
    assertEquals(b.get("inventory_vector"), o.inventoryVector().toHex());
  }

  @Test
  void unknownCommand_isKeptNotRejected() {
    Frame f = new Frame("portcheck", Bytes.fromHex("0102"));
    Message m = MessageFrameCodec.decode(f);
    assertEquals(new UnknownMessage("portcheck", Bytes.fromHex("0102")), m);
    assertEquals(f, MessageFrameCodec.toFrame(m));
  }

  static Stream<Message> samples() {
    SplittableRandom rnd = new SplittableRandom(42);
    NetworkAddress na = new NetworkAddress(3, HostEncoding.onion("quzwelsuziwqgpt2.onion"), 8444);
    List<InventoryVector> vectors = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] h = new byte[32];
      rnd.nextBytes(h);
      vectors.add(new InventoryVector(Bytes.of(h)));
    }
    return Stream.of(
        Version.of(3, 1, 1_700_000_000L, na, na, -1L, "/x:1/", List.of(1L, 300L, 70_000L, -1L)),
        new VerAck(),
        new Ping(),
        new Pong(),
        new Addr(List.of(new TimedNetworkAddress(-2, 0xffffffffL, na))),
        new Addr(List.of()),
        new Inv(vectors),
        new GetData(vectors),
        new Dinv(vectors),
        new ErrorMessage(1, 600, Bytes.of(new byte[32]), Bytes.fromHex("ff00")),
        ObjectMessage.create(5, new ObjectHeader(1_700_000_000L, 42, 1, 1), Bytes.fromHex("abcd")),
        new UnknownMessage("futurecmd", Bytes.fromHex("00")));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void roundtrip_everyMessage(Message m) {
    Bytes framed = MessageFrameCodec.encode(m);
    Message back =
        MessageFrameCodec.decode(FrameCodec.decode(framed.asReadOnlyBuffer()).orElseThrow());
    assertEquals(m, back);
    assertEquals(framed, MessageFrameCodec.encode(back));
    assertEquals(m.serializedSize() + 24, framed.length());
  }

  @ParameterizedTest
  @MethodSource("samples")
  void decode_trailingByte_isRejectedExceptForOpaquePayloads(Message m) {
    byte[] payload = m.toBytes().toByteArray();
    byte[] longer = java.util.Arrays.copyOf(payload, payload.length + 1);
    Frame f = new Frame(m.command(), Bytes.of(longer));
    if (m instanceof ObjectMessage || m instanceof UnknownMessage) {
      assertEquals(longer.length, MessageFrameCodec.decode(f).serializedSize());
    } else {
      assertThrows(ProtocolException.class, () -> MessageFrameCodec.decode(f));
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void decode_truncatedAtEveryOffset_throwsProtocolException(Message m) {
    byte[] payload = m.toBytes().toByteArray();
    for (int n = 0; n < payload.length; n++) {
      Frame f = new Frame(m.command(), Bytes.of(payload, 0, n));
      if (m instanceof UnknownMessage || (m instanceof ObjectMessage && n >= 22)) {
        continue; // opaque tails: any length is a valid payload
      }
      assertThrows(ProtocolException.class, () -> MessageFrameCodec.decode(f), "length " + n);
    }
  }

  @Test
  void inv_countOverLimit_rejectedBeforeAllocating() {
    // count 50,001 with no vectors following
    ByteBuffer over = Bytes.fromHex("fe0000c351").asReadOnlyBuffer();
    assertThrows(ProtocolException.class, () -> Inv.read(over));
    // count 50,000 but bytes for only one
    ByteBuffer lying = Bytes.fromHex("fe0000c350" + "00".repeat(32)).asReadOnlyBuffer();
    assertThrows(ProtocolException.class, () -> Inv.read(lying));
  }

  @Test
  void inv_largestAllowed_is1600003Bytes() {
    List<InventoryVector> many =
        Collections.nCopies(WireLimits.MAX_INV_ITEMS, new InventoryVector(Bytes.of(new byte[32])));
    Inv inv = new Inv(many);
    assertEquals(WireLimits.MAX_SEND_PAYLOAD, inv.serializedSize());
    assertEquals(
        inv,
        MessageFrameCodec.decode(
            FrameCodec.decode(MessageFrameCodec.encode(inv).asReadOnlyBuffer()).orElseThrow()));
    List<InventoryVector> tooMany = new ArrayList<>(many);
    tooMany.add(many.get(0));
    assertThrows(IllegalArgumentException.class, () -> new Inv(tooMany));
  }

  @Test
  void addr_countOverLimit_rejected() {
    assertThrows(
        ProtocolException.class, () -> Addr.read(Bytes.fromHex("fd03e9").asReadOnlyBuffer()));
  }

  @Test
  void version_userAgentOverLimit_rejected() {
    VectorFile.Block b = VectorFile.block("framing.txt", "version message");
    String payload = b.get("payload");
    // replace the 22-byte user agent by a 5001-byte one
    String head = payload.substring(0, (4 + 8 + 8 + 26 + 26 + 8) * 2);
    String big = head + "fd1389" + "61".repeat(5001) + "0101";
    assertThrows(
        ProtocolException.class, () -> Version.read(Bytes.fromHex(big).asReadOnlyBuffer()));
    String ok = head + "fd1388" + "61".repeat(5000) + "0101";
    assertEquals(5000, Version.read(Bytes.fromHex(ok).asReadOnlyBuffer()).userAgent().length());
  }

  @Test
  void version_nonMinimalVarInt_rejected() {
    VectorFile.Block b = VectorFile.block("framing.txt", "version message");
    String payload = b.get("payload");
    // the stream count 1 written as fd0001
    String nonMinimal = payload.substring(0, payload.length() - 4) + "fd0001" + "01";
    assertThrows(
        ProtocolException.class, () -> Version.read(Bytes.fromHex(nonMinimal).asReadOnlyBuffer()));
  }

  @Test
  void limits_matchTheVectorFile() {
    VectorFile.Block b = VectorFile.block("framing.txt", "size limits");
    assertEquals(b.decimal("pybitmessage_max_message_size"), WireLimits.MAX_RECEIVE_PAYLOAD);
    assertEquals(b.decimal("pybitmessage_max_object_payload_size"), WireLimits.MAX_OBJECT_PAYLOAD);
    assertEquals(b.decimal("pybitmessage_max_object_count"), WireLimits.MAX_INV_ITEMS);
    assertEquals(b.decimal("pybitmessage_max_addr_count"), WireLimits.MAX_ADDR_ITEMS);
    assertEquals(b.decimal("jabit_max_payload_size"), WireLimits.MAX_SEND_PAYLOAD);
    assertEquals(
        b.decimal("largest_inv_payload"),
        VarInt.size(WireLimits.MAX_INV_ITEMS) + (long) WireLimits.MAX_INV_ITEMS * 32);
  }
}
