package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Encodes and incrementally decodes the 24-byte message header (PROTOCOL.md section 2). All
 * integers are big-endian.
 *
 * <pre>
 * +--------+---------+--------------------------------------------------------------+
 * | offset | size    | field                                                        |
 * +--------+---------+--------------------------------------------------------------+
 * |      0 |       4 | magic     E9 BE B4 D9                                        |
 * |      4 |      12 | command   ASCII, NUL padded; only NULs after the first NUL   |
 * |     16 |       4 | length    uint32 payload bytes                               |
 * |     20 |       4 | checksum  first 4 bytes of SHA-512(payload)                  |
 * |     24 |  length | payload                                                      |
 * +--------+---------+--------------------------------------------------------------+
 * </pre>
 *
 * <p>{@link #decode(ByteBuffer, int)} works on whatever bytes have arrived: it returns empty (and
 * consumes nothing) when a frame is not complete yet, a {@link Frame} (consuming exactly its bytes)
 * when one is, and throws {@link ProtocolException} as soon as the bytes seen so far cannot start a
 * valid frame: bad magic after the first byte, bad command once 16 bytes are there, an oversize
 * length once 20 bytes are there (before any payload is buffered). A Netty decoder can delegate to
 * it. Stateless and thread-safe.
 */
public final class FrameCodec {
  /** The network magic {@code E9BEB4D9}. */
  public static final int MAGIC = 0xE9BEB4D9;

  private static final byte[] MAGIC_BYTES = {(byte) 0xE9, (byte) 0xBE, (byte) 0xB4, (byte) 0xD9};

  private FrameCodec() {}

  /** Validates a command string as it will be written (1..12 printable ASCII characters). */
  static void checkCommand(String command) {
    if (command.isEmpty() || command.length() > WireLimits.COMMAND_LENGTH) {
      throw new IllegalArgumentException("command must be 1..12 characters: '" + command + "'");
    }
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("command must be printable ASCII: '" + command + "'");
      }
    }
  }

  static int checksum(byte[] data, int offset, int length) {
    byte[] d = Digests.sha512(data, offset, length);
    return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
  }

  /** Writes header + payload. Refuses payloads over {@link WireLimits#MAX_SEND_PAYLOAD}. */
  public static ByteBuffer write(Frame frame, ByteBuffer buf) {
    if (frame.payload().length() > WireLimits.MAX_SEND_PAYLOAD) {
      throw new IllegalArgumentException(
          "payload of "
              + frame.payload().length()
              + " bytes exceeds the send limit "
              + WireLimits.MAX_SEND_PAYLOAD);
    }
    buf.put(MAGIC_BYTES);
    byte[] cmd = frame.command().getBytes(StandardCharsets.US_ASCII);
    buf.put(cmd);
    for (int i = cmd.length; i < WireLimits.COMMAND_LENGTH; i++) {
      buf.put((byte) 0);
    }
    WireIo.writeInt32(buf, frame.payload().length());
    WireIo.writeInt32(buf, frame.checksum());
    return frame.payload().write(buf);
  }

  public static Bytes encode(Frame frame) {
    ByteBuffer buf = ByteBuffer.allocate(frame.serializedSize());
    write(frame, buf);
    return Bytes.wrap(buf.array());
  }

  /**
   * {@link #decode(ByteBuffer, int)} with the receive limit {@link WireLimits#MAX_RECEIVE_PAYLOAD}.
   */
  public static Optional<Frame> decode(ByteBuffer in) {
    return decode(in, WireLimits.MAX_RECEIVE_PAYLOAD);
  }

  /**
   * Decodes one frame from the bytes between {@code in}'s position and limit.
   *
   * @return the frame, with {@code in} advanced past it; or empty, with {@code in} untouched, when
   *     more bytes are needed
   * @throws ProtocolException when the bytes cannot be (the start of) a valid frame
   */
  public static Optional<Frame> decode(ByteBuffer in, int maxPayload) {
    int start = in.position();
    int avail = in.remaining();
    for (int i = 0; i < Math.min(4, avail); i++) {
      if (in.get(start + i) != MAGIC_BYTES[i]) {
        throw new ProtocolException(
            "bad magic: "
                + String.format(Locale.ROOT, "%02x", in.get(start + i) & 0xff)
                + " at byte "
                + i);
      }
    }
    if (avail < 16) {
      return Optional.empty();
    }
    String command = readCommand(in, start + 4);
    if (avail < 20) {
      return Optional.empty();
    }
    long length = in.getInt(start + 16) & 0xffffffffL;
    if (in.order() != ByteOrder.BIG_ENDIAN) {
      length = Integer.reverseBytes((int) length) & 0xffffffffL;
    }
    if (length > maxPayload) {
      throw new ProtocolException(
          "'" + command + "' payload of " + length + " bytes exceeds the limit " + maxPayload);
    }
    if (avail < WireLimits.HEADER_LENGTH + length) {
      return Optional.empty();
    }
    in.position(start + 20);
    int declared = WireIo.readInt32(in, "checksum");
    Bytes payload = Bytes.read(in, (int) length, "payload");
    int actual = checksum(payload.unsafeArray(), 0, payload.length());
    if (declared != actual) {
      in.position(start);
      throw new ProtocolException(
          String.format(
              Locale.ROOT,
              "'%s' bad checksum: header %08x, payload %08x",
              command,
              declared,
              actual));
    }
    return Optional.of(new Frame(command, payload));
  }

  /**
   * Decodes exactly one complete frame that must fill {@code bytes} (as an embedded ack must).
   *
   * @throws ProtocolException when truncated, followed by extra bytes, or invalid
   */
  public static Frame decodeExactly(Bytes bytes, int maxPayload) {
    ByteBuffer buf = bytes.asReadOnlyBuffer();
    if (buf.remaining() >= 20) {
      long declared = buf.getInt(16) & 0xffffffffL;
      if (declared <= maxPayload && declared != buf.remaining() - WireLimits.HEADER_LENGTH) {
        throw new ProtocolException(
            "frame declares "
                + declared
                + " payload bytes but carries "
                + (buf.remaining() - WireLimits.HEADER_LENGTH));
      }
    }
    Frame f =
        decode(buf, maxPayload)
            .orElseThrow(
                () -> new ProtocolException("truncated frame: " + bytes.length() + " bytes"));
    WireIo.requireEnd(buf, "frame");
    return f;
  }

  private static String readCommand(ByteBuffer in, int at) {
    StringBuilder sb = new StringBuilder(WireLimits.COMMAND_LENGTH);
    boolean ended = false;
    for (int i = 0; i < WireLimits.COMMAND_LENGTH; i++) {
      int c = in.get(at + i) & 0xff;
      if (ended) {
        if (c != 0) {
          throw new ProtocolException("command: non-NUL byte after the NUL padding at " + i);
        }
      } else if (c == 0) {
        ended = true;
      } else if (c < 0x21 || c > 0x7e) {
        throw new ProtocolException(
            "command: byte " + String.format(Locale.ROOT, "%02x", c) + " is not printable ASCII");
      } else {
        sb.append((char) c);
      }
    }
    if (sb.length() == 0) {
      throw new ProtocolException("command: empty");
    }
    return sb.toString();
  }
}
