package dev.bitmsg.node.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.vectors.VectorFile;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
  private static final HexFormat HEX = HexFormat.of();
  private final ContentCodec codec = new ContentCodec();

  @Test
  void simpleEncoding_matchesRealMessages() {
    int checked = 0;
    for (VectorFile.Block b : VectorFile.read("objects.txt")) {
      if (!b.has("message_ascii") || !b.has("plaintext")) {
        continue;
      }
      String text = b.get("message_ascii").replace("\\n", "\n");
      int sep = text.indexOf("\nBody:");
      MessageContent c =
          new MessageContent(text.substring("Subject:".length(), sep), text.substring(sep + 6));
      byte[] encoded = codec.encode(MessageEncoding.SIMPLE, c);
      assertEquals(text, new String(encoded, StandardCharsets.UTF_8));
      assertTrue(b.get("plaintext").contains(HEX.formatHex(encoded)), b.title());
      assertEquals(c, codec.decode(2, encoded));
      checked++;
    }
    assertEquals(4, checked);
  }

  @Test
  void simpleDecoder_followsPyBitmessageRules() {
    assertEquals(new MessageContent("a", "b\nc"), decode("Subject:a\nBody:b\nc"));
    // Marker at index 0 or 1: no subject, all is body.
    assertEquals(new MessageContent("", "\nBody:x"), decode("\nBody:x"));
    assertEquals(new MessageContent("", "S\nBody:x"), decode("S\nBody:x"));
    // Marker at index 2..7: subject empty, body after the marker.
    assertEquals(new MessageContent("", "x"), decode("Subj\nBody:x"));
    // No marker: everything is body.
    assertEquals(new MessageContent("", "just text"), decode("just text"));
    // Only the first line of the subject survives, and the first marker counts.
    assertEquals(
        new MessageContent("one", "b\nBody:c"), decode("Subject:one\rtwo\nBody:b\nBody:c"));
    // Subject cut to 500 bytes.
    String longSubject = "s".repeat(600);
    assertEquals(500, decode("Subject:" + longSubject + "\nBody:b").subject().length());
    // Trivial decodes with the same rules (PyBitmessage does), and encodes the body alone.
    assertEquals(
        "only body",
        new String(
            codec.encode(MessageEncoding.TRIVIAL, new MessageContent("x", "only body")),
            StandardCharsets.UTF_8));
    assertEquals(
        new MessageContent("", "only body"),
        codec.decode(1, "only body".getBytes(StandardCharsets.UTF_8)));
    // Invalid UTF-8 becomes U+FFFD instead of failing.
    assertEquals("\uFFFD", codec.decode(1, new byte[] {(byte) 0xff}).body());
  }

  @Test
  void extended_decodesIndependentlyMadeBlob() {
    // zlib level 9 of a msgpack map built by hand in Python: {"": "message", "subject": "Hi
    // ünïcode", "body": "Line 1\nLine 2"}.
    byte[] blob =
        HEX.parseHex(
            "78da6b5eb03c37b5b838313d7579716952566a72c91a8f4c85c37bf20eaf4fce4f495d92949f52b9d627332f55c1900b4c190100508e157a");
    MessageContent c = codec.decode(3, blob);
    assertEquals(new MessageContent("Hi ünïcode", "Line 1\nLine 2"), c);
    // Our encoder produces the same msgpack bytes (compressed bytes may differ between zlib
    // builds).
    assertEquals(
        "83a0a76d657373616765a77375626a656374ac486920c3bc6ec3af636f6465a4626f6479ad4c696e6520310a4c696e652032",
        HEX.formatHex(ContentCodec.inflate(codec.encode(MessageEncoding.EXTENDED, c))));
  }

  @Test
  void extended_roundTripsLargeAndEmpty() {
    for (MessageContent c :
        new MessageContent[] {
          new MessageContent("", ""), new MessageContent("s".repeat(1000), "b".repeat(500_000))
        }) {
      assertEquals(c, codec.decode(3, codec.encode(MessageEncoding.EXTENDED, c)));
    }
  }

  @Test
  void extended_rejectsBadInput() {
    assertReason(
        ContentDecodeException.Reason.UNSUPPORTED_TYPE,
        HEX.parseHex("78da6b5ab0a42cbf2475696e717a66cac20a003c850757"));
    assertReason(ContentDecodeException.Reason.BAD_COMPRESSION, new byte[] {1, 2, 3});
    byte[] good = codec.encode(MessageEncoding.EXTENDED, new MessageContent("s", "b"));
    assertReason(
        ContentDecodeException.Reason.BAD_COMPRESSION,
        java.util.Arrays.copyOf(good, good.length - 6));
    assertReason(
        ContentDecodeException.Reason.TOO_LARGE, zlib(new byte[ContentCodec.MAX_INFLATED + 1]));
    // Exactly the limit is fine for the inflater (then fails as msgpack: zero bytes are fixints).
    assertReason(
        ContentDecodeException.Reason.MALFORMED, zlib(new byte[ContentCodec.MAX_INFLATED]));
    assertReason(
        ContentDecodeException.Reason.MALFORMED, zlib(HEX.parseHex("93010203"))); // an array
    assertReason(
        ContentDecodeException.Reason.MALFORMED,
        zlib(HEX.parseHex("81a0a76d657373616765"))); // no subject/body
    assertReason(
        ContentDecodeException.Reason.MALFORMED, zlib(HEX.parseHex("81a1617b"))); // no type
    assertReason(
        ContentDecodeException.Reason.MALFORMED,
        zlib(HEX.parseHex("82a0a76d657373616765a7737562"))); // truncated
    assertReason(
        ContentDecodeException.Reason.MALFORMED,
        zlib(HEX.parseHex("81a0db7fffffff"))); // str32 length bomb
    assertReason(
        ContentDecodeException.Reason.MALFORMED,
        zlib(HEX.parseHex("81a0a76d65737361676501"))); // trailing byte
    assertReason(
        ContentDecodeException.Reason.MALFORMED,
        zlib(HEX.parseHex("83a0a76d657373616765a7737562a1656374a4626f647901"))); // body an int
    assertReason(ContentDecodeException.Reason.UNSUPPORTED_ENCODING, new byte[0], 0);
    assertReason(ContentDecodeException.Reason.UNSUPPORTED_ENCODING, new byte[0], 4);
  }

  private MessageContent decode(String s) {
    return codec.decode(2, s.getBytes(StandardCharsets.UTF_8));
  }

  private void assertReason(ContentDecodeException.Reason r, byte[] data) {
    assertReason(r, data, 3);
  }

  private void assertReason(ContentDecodeException.Reason r, byte[] data, long encoding) {
    ContentDecodeException e =
        assertThrows(ContentDecodeException.class, () -> codec.decode(encoding, data));
    assertEquals(r, e.reason(), e.getMessage());
  }

  private static byte[] zlib(byte[] data) {
    Deflater d = new Deflater(9);
    d.setInput(data);
    d.finish();
    byte[] out = new byte[data.length + 1024];
    int n = d.deflate(out);
    d.end();
    return java.util.Arrays.copyOf(out, n);
  }
}
