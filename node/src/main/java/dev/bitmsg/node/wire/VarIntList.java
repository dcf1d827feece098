package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * var_int_list: var_int count + that many var_ints (PROTOCOL.md section 1). The count is capped and
 * checked against the bytes left (each item takes at least one byte) before the list is allocated.
 * Stateless.
 */
public final class VarIntList {
  private VarIntList() {}

  public static List<Long> read(ByteBuffer buf, int maxCount, String what) {
    int count = VarInt.readBounded(buf, maxCount, what + " count");
    if (count > buf.remaining()) {
      throw new ProtocolException(
          what + ": " + count + " items cannot fit in " + buf.remaining() + " bytes");
    }
    List<Long> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(VarInt.read(buf));
    }
    return List.copyOf(out);
  }

  public static void write(ByteBuffer buf, List<Long> values) {
    VarInt.write(values.size(), buf);
    for (long v : values) {
      VarInt.write(v, buf);
    }
  }

  public static int size(List<Long> values) {
    int n = VarInt.size(values.size());
    for (long v : values) {
      n += VarInt.size(v);
    }
    return n;
  }
}
