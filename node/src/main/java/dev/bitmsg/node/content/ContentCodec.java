package dev.bitmsg.node.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Encodes and decodes message bodies (PROTOCOL.md section 8, PyBitmessage {@code
 * helper_msgcoding.py}).
 *
 * <ul>
 *   <li>TRIVIAL encodes the body alone; SIMPLE {@code "Subject:" + subject + "\nBody:" + body}.
 *       Both decode by PyBitmessage's simple rules: find the first {@code "\nBody:"}; if it is at
 *       an index above 1 the subject is bytes 8 up to it, cut to 500 bytes and to its first line,
 *       the body what follows; otherwise there is no subject and everything is body.
 *   <li>EXTENDED: zlib (level 9) of the msgpack map {@code {"": "message", "subject": s, "body":
 *       b}}; decoding inflates at most 1 MiB.
 * </ul>
 *
 * Text is UTF-8; invalid sequences decode to U+FFFD like PyBitmessage's {@code 'replace'}.
 * Stateless; thread-safe.
 */
public final class ContentCodec {
  /** PyBitmessage's {@code zlib.maxsize} default. */
  public static final int MAX_INFLATED = 1 << 20;

  static final int MAX_SUBJECT_BYTES = 500;
  private static final byte[] BODY_MARKER = "\nBody:".getBytes(StandardCharsets.US_ASCII);
  private static final int SUBJECT_START = "Subject:".length();

  public byte[] encode(MessageEncoding encoding, MessageContent content) {
    return switch (encoding) {
      case TRIVIAL -> utf8(content.body());
      case SIMPLE -> utf8("Subject:" + content.subject() + "\nBody:" + content.body());
      case EXTENDED -> deflate(msgpack(content));
      case IGNORE -> throw new IllegalArgumentException("encoding 0 carries no message");
    };
  }

  /**
   * Decodes a body received with encoding number {@code encoding}.
   *
   * @throws ContentDecodeException for encoding 0, unknown numbers and broken extended bodies
   */
  public MessageContent decode(long encoding, byte[] data) {
    MessageEncoding e =
        MessageEncoding.of(encoding)
            .orElseThrow(
                () ->
                    new ContentDecodeException(
                        ContentDecodeException.Reason.UNSUPPORTED_ENCODING,
                        "unknown message encoding " + Long.toUnsignedString(encoding)));
    return switch (e) {
      case TRIVIAL, SIMPLE -> decodeSimple(data);
      case EXTENDED -> decodeExtended(data);
      case IGNORE ->
          throw new ContentDecodeException(
              ContentDecodeException.Reason.UNSUPPORTED_ENCODING, "encoding 0 is not shown");
    };
  }

  static MessageContent decodeSimple(byte[] data) {
    int at = indexOf(data, BODY_MARKER);
    if (at <= 1) {
      return new MessageContent("", text(data, 0, data.length));
    }
    int end = Math.min(at, SUBJECT_START + MAX_SUBJECT_BYTES);
    int start = Math.min(SUBJECT_START, end);
    int lineEnd = start;
    while (lineEnd < end && data[lineEnd] != '\n' && data[lineEnd] != '\r') {
      lineEnd++;
    }
    return new MessageContent(
        text(data, start, lineEnd), text(data, at + BODY_MARKER.length, data.length));
  }

  private MessageContent decodeExtended(byte[] data) {
    byte[] packed = inflate(data);
    try (MessageUnpacker in = MessagePack.newDefaultUnpacker(packed)) {
      if (!in.hasNext() || in.getNextFormat().getValueType() != ValueType.MAP) {
        throw malformed("extended message is not a msgpack map");
      }
      int entries = in.unpackMapHeader();
      String type = null;
      String subject = null;
      String body = null;
      for (int i = 0; i < entries; i++) {
        String key = readText(in, packed.length, "key");
        switch (key) {
          case "" -> type = readText(in, packed.length, "type");
          case "subject" -> subject = readText(in, packed.length, "subject");
          case "body" -> body = readText(in, packed.length, "body");
          default -> in.skipValue();
        }
      }
      if (in.hasNext()) {
        throw malformed("extra data after the msgpack map");
      }
      if (type == null) {
        throw malformed("message type \"\" missing");
      }
      if (!type.equals("message")) {
        throw new ContentDecodeException(
            ContentDecodeException.Reason.UNSUPPORTED_TYPE,
            "unsupported message type '" + type + "'");
      }
      if (subject == null || body == null) {
        throw malformed("message lacks subject or body");
      }
      return new MessageContent(subject, body);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ContentDecodeException m) {
        throw m;
      }
      throw new ContentDecodeException(
          ContentDecodeException.Reason.MALFORMED, "bad msgpack: " + e.getMessage(), e);
    }
  }

  /** A str or bin value, its declared length checked against the input before reading. */
  private static String readText(MessageUnpacker in, int inputLength, String what)
      throws IOException {
    MessageFormat f = in.getNextFormat();
    int len;
    if (f.getValueType() == ValueType.STRING) {
      len = in.unpackRawStringHeader();
    } else if (f.getValueType() == ValueType.BINARY) {
      len = in.unpackBinaryHeader();
    } else {
      throw malformed(what + " is a " + f.getValueType() + ", not a string");
    }
    if (len < 0 || len > inputLength - in.getTotalReadBytes()) {
      throw malformed(what + " claims " + len + " bytes beyond the input");
    }
    byte[] raw = in.readPayload(len);
    return text(raw, 0, raw.length);
  }

  private static byte[] msgpack(MessageContent content) {
    try (MessagePacker p = MessagePack.newDefaultBufferPacker()) {
      p.packMapHeader(3);
      p.packString("").packString("message");
      p.packString("subject").packString(content.subject());
      p.packString("body").packString(content.body());
      p.flush();
      return ((MessageBufferPacker) p).toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("msgpack to memory failed", e);
    }
  }

  private static byte[] deflate(byte[] data) {
    Deflater d = new Deflater(9);
    try {
      d.setInput(data);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!d.finished()) {
        out.write(buf, 0, d.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  /** Inflates a zlib stream, failing as soon as the output passes {@link #MAX_INFLATED}. */
  static byte[] inflate(byte[] data) {
    Inflater inf = new Inflater();
    try {
      inf.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new ContentDecodeException(
              ContentDecodeException.Reason.BAD_COMPRESSION, "zlib data truncated");
        }
        out.write(buf, 0, n);
        if (out.size() > MAX_INFLATED) {
          throw new ContentDecodeException(
              ContentDecodeException.Reason.TOO_LARGE,
              "message inflates to more than " + MAX_INFLATED + " bytes");
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new ContentDecodeException(
          ContentDecodeException.Reason.BAD_COMPRESSION, "bad zlib data: " + e.getMessage(), e);
    } finally {
      inf.end();
    }
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** UTF-8 with invalid sequences replaced by U+FFFD. */
  private static String text(byte[] data, int from, int to) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(data, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder threw", e);
    }
  }

  private static ContentDecodeException malformed(String message) {
    return new ContentDecodeException(ContentDecodeException.Reason.MALFORMED, message);
  }
}
