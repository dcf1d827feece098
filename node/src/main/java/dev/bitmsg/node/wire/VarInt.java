package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * Bitmessage var_int: an unsigned 64-bit value in 1, 3, 5 or 9 bytes, big-endian.
 *
 * <pre>
 *   value &lt; 0xfd          1 byte  value
 *   value &lt;= 0xffff       3 bytes fd + uint16
 *   value &lt;= 0xffffffff   5 bytes fe + uint32
 *   otherwise             9 bytes ff + uint64
 * </pre>
 *
 * Decoding rejects truncated input and non-minimal encodings (PROTOCOL.md section 1). Values are
 * Java longs holding the unsigned 64-bit value. Stateless.
 */
public final class VarInt {
  private VarInt() {}

  /** Encoded size of {@code value} (unsigned). */
  public static int size(long value) {
    if (Long.compareUnsigned(value, 0xfd) < 0) {
      return 1;
    }
    if (Long.compareUnsigned(value, 0xffffL) <= 0) {
      return 3;
    }
    if (Long.compareUnsigned(value, 0xffffffffL) <= 0) {
      return 5;
    }
    return 9;
  }

  /** Writes the minimal encoding of {@code value}; the buffer's byte order is not used. */
  public static ByteBuffer write(long value, ByteBuffer buf) {
    switch (size(value)) {
      case 1 -> buf.put((byte) value);
      case 3 -> buf.put((byte) 0xfd).put((byte) (value >>> 8)).put((byte) value);
      case 5 -> {
        buf.put((byte) 0xfe);
        for (int s = 24; s >= 0; s -= 8) {
          buf.put((byte) (value >>> s));
        }
      }
      default -> {
        buf.put((byte) 0xff);
        for (int s = 56; s >= 0; s -= 8) {
          buf.put((byte) (value >>> s));
        }
      }
    }
    return buf;
  }

  public static byte[] encode(long value) {
    return write(value, ByteBuffer.allocate(size(value))).array();
  }

  /** Reads one var_int, rejecting truncation and non-minimal forms. */
  public static long read(ByteBuffer buf) {
    if (!buf.hasRemaining()) {
      throw new ProtocolException("var_int: no bytes left");
    }
    int first = buf.get() & 0xff;
    if (first < 0xfd) {
      return first;
    }
    int width = first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
    if (buf.remaining() < width) {
      throw new ProtocolException(
          "var_int: needs " + width + " more bytes, " + buf.remaining() + " left");
    }
    long v = 0;
    for (int i = 0; i < width; i++) {
      v = (v << 8) | (buf.get() & 0xffL);
    }
    long minimum = width == 2 ? 0xfdL : width == 4 ? 0x10000L : 0x100000000L;
    if (Long.compareUnsigned(v, minimum) < 0) {
      throw new ProtocolException("var_int: non-minimal encoding of " + Long.toUnsignedString(v));
    }
    return v;
  }

  /** Reads a var_int that must fit a non-negative int no larger than {@code max}. */
  public static int readBounded(ByteBuffer buf, int max, String what) {
    long v = read(buf);
    if (Long.compareUnsigned(v, max) > 0) {
      throw new ProtocolException(what + ": " + Long.toUnsignedString(v) + " exceeds " + max);
    }
    return (int) v;
  }
}
