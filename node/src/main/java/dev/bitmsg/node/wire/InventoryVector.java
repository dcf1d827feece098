package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * An object's id: the first 32 bytes of {@code dsha512(object bytes, nonce included)} (PROTOCOL.md
 * section 1). Immutable.
 */
public record InventoryVector(Bytes hash) {
  public static final int SIZE = WireLimits.INVENTORY_VECTOR_LENGTH;

  public InventoryVector {
    if (hash.length() != SIZE) {
      throw new IllegalArgumentException("inventory vector must be 32 bytes, got " + hash.length());
    }
  }

  /** The vector of the complete object bytes. */
  public static InventoryVector ofObject(Bytes objectBytes) {
    byte[] d = Digests.doubleSha512(objectBytes.unsafeArray());
    return new InventoryVector(Bytes.of(d, 0, SIZE));
  }

  public static InventoryVector fromHex(String hex) {
    return new InventoryVector(Bytes.fromHex(hex));
  }

  public static InventoryVector read(ByteBuffer buf) {
    return new InventoryVector(Bytes.read(buf, SIZE, "inventory vector"));
  }

  public ByteBuffer write(ByteBuffer buf) {
    return hash.write(buf);
  }

  public String toHex() {
    return hash.toHex();
  }

  @Override
  public String toString() {
    return hash.toHex();
  }
}
