package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * The payload of an object type or version this node does not interpret (onionpeer, future types).
 * Kept as bytes; the object is still stored and relayed (PROTOCOL.md section 4). Immutable.
 */
public record OpaquePayload(Bytes bytes) implements ObjectPayload {
  public static OpaquePayload read(ByteBuffer buf) {
    return new OpaquePayload(Bytes.read(buf, buf.remaining(), "object payload"));
  }

  @Override
  public ByteBuffer write(ByteBuffer buf) {
    return bytes.write(buf);
  }

  @Override
  public int serializedSize() {
    return bytes.length();
  }
}
