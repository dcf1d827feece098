package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * broadcast v4 payload (sender address v2/v3): an ECIES blob that decrypts to a {@link
 * BroadcastPlaintext} (PROTOCOL.md section 8). Immutable.
 */
public record BroadcastV4(Bytes encrypted) implements ObjectPayload {
  public static BroadcastV4 read(ByteBuffer buf) {
    return new BroadcastV4(Bytes.read(buf, buf.remaining(), "broadcast v4: encrypted"));
  }

  @Override
  public ByteBuffer write(ByteBuffer buf) {
    return encrypted.write(buf);
  }

  @Override
  public int serializedSize() {
    return encrypted.length();
  }
}
