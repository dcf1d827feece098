package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@code inv}: announces objects the sender has (PROTOCOL.md section 3.5). var_int count (at most
 * {@value WireLimits#MAX_INV_ITEMS}) + count x 32-byte {@link InventoryVector}. Immutable.
 */
public record Inv(List<InventoryVector> vectors) implements Message {
  public Inv {
    vectors = InventoryList.check(vectors, "inv");
  }

  public static Inv read(ByteBuffer buf) {
    return new Inv(InventoryList.read(buf, "inv"));
  }

  @Override
  public String command() {
    return "inv";
  }

  @Override
  public ByteBuffer write(ByteBuffer buf) {
    return InventoryList.write(buf, vectors);
  }

  @Override
  public int serializedSize() {
    return InventoryList.size(vectors);
  }
}
