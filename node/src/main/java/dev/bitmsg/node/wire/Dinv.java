package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@code dinv}: Dandelion stem announce, same layout as inv (PROTOCOL.md section 3.5). var_int
 * count (at most {@value WireLimits#MAX_INV_ITEMS}) + count x 32-byte {@link InventoryVector}.
 * Immutable.
 */
public record Dinv(List<InventoryVector> vectors) implements Message {
  public Dinv {
    vectors = InventoryList.check(vectors, "dinv");
  }

  public static Dinv read(ByteBuffer buf) {
    return new Dinv(InventoryList.read(buf, "dinv"));
  }

  @Override
  public String command() {
    return "dinv";
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
