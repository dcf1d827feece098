package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string: the value type that records use instead of a raw {@code byte[]}. Bytes
 * are copied on the way in and out; {@code equals} compares contents. Thread-safe.
 */
public final class Bytes {
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] bytes;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static Bytes of(byte... bytes) {
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
  public static Bytes of(byte[] bytes, int offset, int length) {
    return new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** Parses hex digits (either case). */
  public static Bytes fromHex(String hex) {
    return new Bytes(HexFormat.of().parseHex(hex));
  }

  /** Takes ownership of an array the caller will not touch again (no copy). */
  static Bytes wrap(byte[] bytes) {
    return new Bytes(bytes);
  }

  /**
   * Reads exactly {@code length} bytes, checking what is left before allocating.
   *
   * @throws ProtocolException when fewer bytes remain
   */
  public static Bytes read(ByteBuffer buf, int length, String what) {
    if (length < 0 || length > buf.remaining()) {
      throw new ProtocolException(
          what + ": needs " + length + " bytes, " + buf.remaining() + " left");
    }
    byte[] out = new byte[length];
    buf.get(out);
    return new Bytes(out);
  }

  public int length() {
    return bytes.length;
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }

  public byte get(int index) {
    return bytes[index];
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Bytes {@code [from, to)} as a new value. */
  public Bytes slice(int from, int to) {
    return new Bytes(Arrays.copyOfRange(bytes, from, to));
  }

  /** A read-only view for codecs; position 0, limit {@link #length()}. */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  public ByteBuffer write(ByteBuffer buf) {
    return buf.put(bytes);
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** Internal array access for hashing without a copy; callers must not modify it. */
  byte[] unsafeArray() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Hex for short values; long values are abbreviated. */
  @Override
  public String toString() {
    if (bytes.length <= 64) {
      return toHex();
    }
    return HexFormat.of().formatHex(bytes, 0, 32) + "...(" + bytes.length + " bytes)";
  }
}
