package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bounds-checked big-endian reads shared by the codecs. Every read checks what is left first and
 * throws {@link ProtocolException} instead of {@link java.nio.BufferUnderflowException}. Stateless.
 */
public final class WireIo {
  private WireIo() {}

  public static void need(ByteBuffer buf, int n, String what) {
    if (buf.remaining() < n) {
      throw new ProtocolException(what + ": needs " + n + " bytes, " + buf.remaining() + " left");
    }
  }

  public static long readUint64(ByteBuffer buf, String what) {
    need(buf, 8, what);
    return buf.order() == ByteOrder.BIG_ENDIAN ? buf.getLong() : Long.reverseBytes(buf.getLong());
  }

  public static long readUint32(ByteBuffer buf, String what) {
    return readInt32(buf, what) & 0xffffffffL;
  }

  public static int readInt32(ByteBuffer buf, String what) {
    need(buf, 4, what);
    int v = buf.getInt();
    return buf.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
  }

  public static int readUint16(ByteBuffer buf, String what) {
    need(buf, 2, what);
    int v = buf.getShort() & 0xffff;
    return buf.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v) >>> 16;
  }

  /** Writes big-endian whatever the buffer's byte order (the caller's order is left alone). */
  public static void writeUint64(ByteBuffer buf, long v) {
    for (int s = 56; s >= 0; s -= 8) {
      buf.put((byte) (v >>> s));
    }
  }

  public static void writeInt32(ByteBuffer buf, int v) {
    for (int s = 24; s >= 0; s -= 8) {
      buf.put((byte) (v >>> s));
    }
  }

  public static void writeUint16(ByteBuffer buf, int v) {
    buf.put((byte) (v >>> 8)).put((byte) v);
  }

  /** A fixed-layout payload must be consumed exactly. */
  public static void requireEnd(ByteBuffer buf, String what) {
    if (buf.hasRemaining()) {
      throw new ProtocolException(what + ": " + buf.remaining() + " trailing bytes");
    }
  }

  /** var_int length (at most {@code max}) followed by that many bytes. */
  public static Bytes readVarBytes(ByteBuffer buf, int max, String what) {
    int n = VarInt.readBounded(buf, max, what + " length");
    return Bytes.read(buf, n, what);
  }

  public static ByteBuffer writeVarBytes(ByteBuffer buf, Bytes value) {
    VarInt.write(value.length(), buf);
    return value.write(buf);
  }

  public static int varBytesSize(Bytes value) {
    return VarInt.size(value.length()) + value.length();
  }

  /** Reads a var_int and checks it lies in [{@code min}, {@code max}] (unsigned). */
  public static long readVarIntInRange(ByteBuffer buf, long min, long max, String what) {
    long v = VarInt.read(buf);
    if (Long.compareUnsigned(v, min) < 0 || Long.compareUnsigned(v, max) > 0) {
      throw new ProtocolException(
          what + ": " + Long.toUnsignedString(v) + " outside " + min + ".." + max);
    }
    return v;
  }
}
