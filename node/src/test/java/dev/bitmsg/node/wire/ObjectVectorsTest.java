package dev.bitmsg.node.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.Difficulty;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.vectors.VectorFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectVectorsTest {
  static Stream<VectorFile.Block> objectBlocks() {
    return Stream.concat(
            VectorFile.read("objects.txt").stream(), VectorFile.read("pow.txt").stream())
        .filter(b -> b.has("object"));
  }

  private static ObjectMessage object(VectorFile.Block b) {
    return ObjectMessage.of(Bytes.fromHex(b.get("object")));
  }

  private static VectorFile.Block block(String title) {
    return VectorFile.block("objects.txt", title);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objectBlocks")
  void header_inventoryVector_andRoundTrip(VectorFile.Block b) {
    ObjectMessage o = object(b);
    assertEquals(b.get("object"), o.raw().toHex());
    if (b.has("inventory_vector")) {
      assertEquals(b.get("inventory_vector"), o.inventoryVector().toHex());
    }
    if (b.has("nonce") && b.get("nonce").length() == 16) {
      assertEquals(Long.parseUnsignedLong(b.get("nonce"), 16), o.nonce());
    }
    if (b.has("expires_time")) {
      assertEquals(b.decimal("expires_time"), o.expiresTime());
    }
    if (b.has("object_type")) {
      assertEquals(b.decimal("object_type"), o.objectType());
    }
    if (b.has("version")) {
      assertEquals(b.decimal("version"), o.version());
    }
    if (b.has("stream")) {
      assertEquals(b.decimal("stream"), o.stream());
    }
    if (b.has("initial_hash")) {
      assertEquals(b.get("initial_hash"), o.initialHash().toHex());
    }
    if (b.has("trial_value")) {
      assertEquals(b.decimal("trial_value"), o.trialValue());
    }
    ObjectPayload view = ObjectPayloads.parse(o);
    ObjectMessage rebuilt = ObjectMessage.create(o.nonce(), o.header(), view.toBytes());
    assertEquals(o, rebuilt);
    assertEquals(o.inventoryVector(), rebuilt.inventoryVector());
    assertEquals(o, ObjectMessage.read(o.raw().asReadOnlyBuffer()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objectBlocks")
  void truncatedObjects_failTypedOrStayOpaque(VectorFile.Block b) {
    byte[] raw = Bytes.fromHex(b.get("object")).toByteArray();
    ObjectMessage full = ObjectMessage.of(Bytes.of(raw));
    for (int n = 0; n < raw.length; n++) {
      Bytes prefix = Bytes.of(raw, 0, n);
      if (n < full.payloadOffset()) {
        assertThrows(ProtocolException.class, () -> ObjectMessage.of(prefix), "length " + n);
        continue;
      }
      ObjectMessage cut = ObjectMessage.of(prefix);
      try {
        ObjectPayload view = ObjectPayloads.parse(cut);
        // Encrypted blobs and opaque payloads carry any length; they must still round-trip.
        assertEquals(cut.payload(), view.toBytes());
      } catch (ProtocolException expected) {
        // a fixed layout was cut
      }
    }
  }

  @Test
  void minimalObject_pyBitmessageSample() {
    VectorFile.Block b = block("minimal object header");
    ObjectMessage o = object(b);
    assertEquals(
        b.get("object_payload_ascii"),
        new String(o.payload().toByteArray(), StandardCharsets.US_ASCII));
    OpaquePayload p = assertInstanceOf(OpaquePayload.class, ObjectPayloads.parse(o));
    assertEquals("HELLO", new String(p.bytes().toByteArray(), StandardCharsets.US_ASCII));
  }

  @Test
  void getpubkey_v2v3_ripe_v4_tag() {
    for (String t :
        List.of(
            "getpubkey object version 2",
            "getpubkey object version 3",
            "getpubkey object version 4")) {
      VectorFile.Block b = block(t);
      GetPubkey g = assertInstanceOf(GetPubkey.class, ObjectPayloads.parse(object(b)));
      assertEquals(b.get("ripe_or_tag"), g.ripeOrTag().toHex());
      assertEquals(t.endsWith("4"), g.isTag());
    }
  }

  @Test
  void getpubkey_withTrailingByte_isRejected() {
    ObjectMessage o = object(block("getpubkey object version 3"));
    ObjectMessage longer =
        ObjectMessage.create(o.nonce(), o.header(), Bytes.fromHex(o.payload().toHex() + "00"));
    assertThrows(ProtocolException.class, () -> ObjectPayloads.parse(longer));
  }

  @Test
  void pubkeyV2_keys() {
    VectorFile.Block b = block("pubkey object v2");
    PubkeyV2 p = assertInstanceOf(PubkeyV2.class, ObjectPayloads.parse(object(b)));
    assertEquals(Integer.parseUnsignedInt(b.get("behavior_bitfield"), 16), p.behaviorBitfield());
    assertEquals(b.get("pub_signing_key").substring(2), p.signingKey().toHex());
    assertEquals(b.get("pub_encryption_key").substring(2), p.encryptionKey().toHex());
  }

  @Test
  void pubkeyV3_body_andSignedData() {
    VectorFile.Block b = block("pubkey object v3");
    ObjectMessage o = object(b);
    PubkeyV3 p = assertInstanceOf(PubkeyV3.class, ObjectPayloads.parse(o));
    PubkeyBody body = p.body();
    assertEquals(b.get("pub_signing_key").substring(2), body.signingKey().toHex());
    assertEquals(b.get("pub_encryption_key").substring(2), body.encryptionKey().toHex());
    assertEquals(
        new Difficulty(b.decimal("nonce_trials_per_byte"), b.decimal("extra_bytes")),
        body.difficulty());
    assertEquals(b.get("signature"), body.signature().toHex());
    assertEquals(b.get("signed_data"), SignedData.of(o, p).toHex());
    assertEquals(b.get("signed_data"), SignedData.pubkeyV3(o.header(), body).toHex());
  }

  @Test
  void pubkeyV4_tag_plaintext_andSignedData() {
    VectorFile.Block b = block("pubkey object v4");
    ObjectMessage o = object(b);
    PubkeyV4 p = assertInstanceOf(PubkeyV4.class, ObjectPayloads.parse(o));
    assertEquals(b.get("tag"), p.tag().toHex());
    PubkeyBody body = PubkeyBody.read(Bytes.fromHex(b.get("plaintext")).asReadOnlyBuffer());
    assertEquals(b.get("pub_signing_key").substring(2), body.signingKey().toHex());
    assertEquals(b.get("pub_encryption_key").substring(2), body.encryptionKey().toHex());
    assertEquals(Difficulty.NETWORK_DEFAULT, body.difficulty());
    assertEquals(b.get("signature"), body.signature().toHex());
    assertEquals(b.get("plaintext"), body.toBytes().toHex());
    assertEquals(b.get("signed_data"), SignedData.pubkeyV4(o.header(), p.tag(), body).toHex());
  }

  @Test
  void msg_jabit_plaintext_andSignedData() {
    VectorFile.Block b = block("msg object (real, from Jabit)");
    ObjectMessage o = object(b);
    assertInstanceOf(MsgPayload.class, ObjectPayloads.parse(o));
    MsgPlaintext m = MsgPlaintext.read(Bytes.fromHex(b.get("plaintext")));
    assertEquals(b.decimal("sender_address_version"), m.sender().addressVersion());
    assertEquals(b.decimal("sender_stream"), m.sender().stream());
    assertEquals(1, m.sender().behaviorBitfield());
    assertEquals(Optional.of(Difficulty.NETWORK_DEFAULT), m.sender().difficulty());
    assertEquals(b.get("destination_ripe"), m.destinationRipe().toHex());
    assertEquals(b.decimal("encoding"), m.encoding());
    assertEquals(
        b.get("message_ascii").replace("\\n", "\n"),
        new String(m.message().toByteArray(), StandardCharsets.UTF_8));
    assertEquals(b.decimal("ack_length"), m.ackData().length());
    assertEquals(b.get("plaintext"), m.toBytes().toHex());
    assertEquals(b.get("signed_data"), SignedData.msg(o.header(), m).toHex());
  }

  @Test
  void msg_local_withAck_plaintext_andSignedData() {
    VectorFile.Block b = block("msg object built locally");
    ObjectMessage o = object(b);
    MsgPayload payload = assertInstanceOf(MsgPayload.class, ObjectPayloads.parse(o));
    assertEquals(b.get("ecies_blob"), payload.encrypted().toHex());
    assertEquals(b.decimal("object_length"), o.length());
    MsgPlaintext m = MsgPlaintext.read(Bytes.fromHex(b.get("plaintext")));
    assertEquals(b.get("recipient_ripe"), m.destinationRipe().toHex());
    assertEquals(b.get("ack_data_field"), m.ackData().toHex());
    assertEquals(b.get("signature_sha256_rfc6979"), m.signature().toHex());
    assertEquals(b.get("signed_data"), SignedData.msg(o.header(), m).toHex());
    assertEquals(b.get("plaintext"), m.toBytes().toHex());
    assertTrue(TrialValue.meets(o.trialValue(), b.decimal("target")));
  }

  @Test
  void broadcastV4_plaintext_andSignedData() {
    VectorFile.Block b = block("broadcast object version 4");
    ObjectMessage o = object(b);
    assertInstanceOf(BroadcastV4.class, ObjectPayloads.parse(o));
    BroadcastPlaintext p = BroadcastPlaintext.read(Bytes.fromHex(b.get("plaintext")));
    assertEquals(3, p.sender().addressVersion());
    assertEquals(
        b.get("message_ascii").replace("\\n", "\n"),
        new String(p.message().toByteArray(), StandardCharsets.UTF_8));
    assertEquals(b.get("plaintext"), p.toBytes().toHex());
    assertEquals(b.get("signed_data_prefix"), o.header().toBytes().toHex());
    assertEquals(
        b.get("signed_data_prefix") + p.unsignedBytes().toHex(),
        SignedData.broadcastV4(o.header(), p).toHex());
    assertTrue(SignedData.broadcastV4(o.header(), p).toHex().endsWith(p.message().toHex()));
  }

  @Test
  void broadcastV5_tag_plaintext_andSignedData() {
    VectorFile.Block b = block("broadcast object version 5");
    ObjectMessage o = object(b);
    BroadcastV5 v = assertInstanceOf(BroadcastV5.class, ObjectPayloads.parse(o));
    assertEquals(b.get("tag"), v.tag().toHex());
    BroadcastPlaintext p = BroadcastPlaintext.read(Bytes.fromHex(b.get("plaintext")));
    assertEquals(4, p.sender().addressVersion());
    assertEquals(b.get("plaintext"), p.toBytes().toHex());
    assertEquals(
        b.get("signed_data_prefix") + p.unsignedBytes().toHex(),
        SignedData.broadcastV5(o.header(), v.tag(), p).toHex());
  }

  @Test
  void plaintexts_rejectTrailingBytesAndTruncation() {
    String msg = block("msg object built locally").get("plaintext");
    String bc = block("broadcast object version 5").get("plaintext");
    String pk = block("pubkey object v4").get("plaintext");
    assertThrows(ProtocolException.class, () -> MsgPlaintext.read(Bytes.fromHex(msg + "00")));
    assertThrows(ProtocolException.class, () -> BroadcastPlaintext.read(Bytes.fromHex(bc + "00")));
    assertThrows(
        ProtocolException.class,
        () -> PubkeyBody.read(Bytes.fromHex(pk + "00").asReadOnlyBuffer()));
    assertEveryPrefixRejected(msg, cut -> MsgPlaintext.read(cut));
    assertEveryPrefixRejected(bc, cut -> BroadcastPlaintext.read(cut));
    assertEveryPrefixRejected(pk, cut -> PubkeyBody.read(cut.asReadOnlyBuffer()));
  }

  private static void assertEveryPrefixRejected(
      String hex, java.util.function.Consumer<Bytes> reader) {
    byte[] all = Bytes.fromHex(hex).toByteArray();
    for (int n = 0; n < all.length; n++) {
      Bytes cut = Bytes.of(all, 0, n);
      assertThrows(ProtocolException.class, () -> reader.accept(cut), "prefix " + n);
    }
  }

  @Test
  void powVectors_inventoryVectorAndTrialValue() {
    VectorFile.Block b = VectorFile.block("pow.txt", "full worked example");
    ObjectMessage o = object(b);
    assertEquals(b.get("payload_without_nonce"), o.bytesWithoutNonce().toHex());
    assertEquals(b.decimal("object_length_with_nonce"), o.length());
    assertEquals(b.decimal("smallest_nonce"), o.nonce());
    assertEquals(InitialHash.fromHex(b.get("initial_hash")), o.initialHash());
    assertEquals(b.decimal("trial_value"), o.trialValue());
    GetPubkey g = assertInstanceOf(GetPubkey.class, ObjectPayloads.parse(o));
    assertTrue(g.isTag());
    assertEquals(o.raw(), o.withNonce(0).withNonce(o.nonce()).raw());
  }

  @Test
  void senderKeys_difficultyPresenceFollowsVersion() {
    Bytes key = Bytes.of(new byte[64]);
    assertThrows(
        IllegalArgumentException.class,
        () -> new SenderKeys(2, 1, 1, key, key, Optional.of(Difficulty.NETWORK_DEFAULT)));
    assertThrows(
        IllegalArgumentException.class, () -> new SenderKeys(3, 1, 1, key, key, Optional.empty()));
    SenderKeys v2 = new SenderKeys(2, 1, 1, key, key, Optional.empty());
    BroadcastPlaintext p =
        new BroadcastPlaintext(v2, 2, Bytes.fromHex("41"), Bytes.fromHex("3000"));
    assertEquals(p, BroadcastPlaintext.read(p.toBytes()));
    assertEquals(Difficulty.NETWORK_DEFAULT, v2.difficultyOrDefault());
  }
}
