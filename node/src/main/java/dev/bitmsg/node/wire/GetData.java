package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@code getdata}: requests objects by vector (PROTOCOL.md section 3.5). var_int count (at most
 * {@value WireLimits#MAX_INV_ITEMS}) + count x 32-byte {@link InventoryVector}. Immutable.
 */
public record GetData(List<InventoryVector> vectors) implements Message {
  public GetData {
    vectors = InventoryList.check(vectors, "getdata");
  }

  public static GetData read(ByteBuffer buf) {
    return new GetData(InventoryList.read(buf, "getdata"));
  }

  @Override
  public String command() {
    return "getdata";
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
