package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * var_str: var_int length + bytes (PROTOCOL.md section 1). Text is decoded as UTF-8 with malformed
 * sequences replaced, since peers' strings are only displayed or logged. Stateless.
 */
public final class VarStr {
  private VarStr() {}

  /** Reads the raw bytes of a var_str of at most {@code max} bytes. */
  public static Bytes readBytes(ByteBuffer buf, int max, String what) {
    return WireIo.readVarBytes(buf, max, what);
  }

  public static String read(ByteBuffer buf, int max, String what) {
    return new String(readBytes(buf, max, what).unsafeArray(), StandardCharsets.UTF_8);
  }

  public static void write(ByteBuffer buf, String value) {
    WireIo.writeVarBytes(buf, Bytes.wrap(value.getBytes(StandardCharsets.UTF_8)));
  }

  public static int size(String value) {
    int n = value.getBytes(StandardCharsets.UTF_8).length;
    return VarInt.size(n) + n;
  }
}
