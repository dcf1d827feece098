package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * broadcast v5 payload (sender address v4): {@code tag(32) | ECIES blob}; the blob decrypts to a
 * {@link BroadcastPlaintext} (PROTOCOL.md section 8). Immutable.
 */
public record BroadcastV5(Bytes tag, Bytes encrypted) implements ObjectPayload {
  public BroadcastV5 {
    FieldChecks.checkLength(tag, WireLimits.TAG_LENGTH, "tag");
  }

  public static BroadcastV5 read(ByteBuffer buf) {
    Bytes tag = Bytes.read(buf, WireLimits.TAG_LENGTH, "broadcast v5: tag");
    return new BroadcastV5(tag, Bytes.read(buf, buf.remaining(), "broadcast v5: encrypted"));
  }

  @Override
  public ByteBuffer write(ByteBuffer buf) {
    tag.write(buf);
    return encrypted.write(buf);
  }

  @Override
  public int serializedSize() {
    return WireLimits.TAG_LENGTH + encrypted.length();
  }
}
