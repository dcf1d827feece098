package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared payload of {@code inv}, {@code getdata} and {@code dinv}: var_int count (at most
 * {@value WireLimits#MAX_INV_ITEMS}) + count x 32-byte vectors (PROTOCOL.md section 3.5).
 * Stateless.
 */
final class InventoryList {
  private InventoryList() {}

  static List<InventoryVector> read(ByteBuffer buf, String what) {
    int count = VarInt.readBounded(buf, WireLimits.MAX_INV_ITEMS, what + ": count");
    WireIo.need(buf, count * InventoryVector.SIZE, what + ": " + count + " vectors");
    List<InventoryVector> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(InventoryVector.read(buf));
    }
    WireIo.requireEnd(buf, what);
    return out;
  }

  static List<InventoryVector> check(List<InventoryVector> vectors, String what) {
    List<InventoryVector> copy = List.copyOf(vectors);
    if (copy.size() > WireLimits.MAX_INV_ITEMS) {
      throw new IllegalArgumentException(
          what + " carries at most " + WireLimits.MAX_INV_ITEMS + " vectors");
    }
    return copy;
  }

  static ByteBuffer write(ByteBuffer buf, List<InventoryVector> vectors) {
    VarInt.write(vectors.size(), buf);
    vectors.forEach(v -> v.write(buf));
    return buf;
  }

  static int size(List<InventoryVector> vectors) {
    return VarInt.size(vectors.size()) + vectors.size() * InventoryVector.SIZE;
  }
}
