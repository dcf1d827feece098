package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * msg payload (type 2, version 1): an ECIES blob to the recipient's encryption key that decrypts to
 * a {@link MsgPlaintext} (PROTOCOL.md section 8). Immutable.
 */
public record MsgPayload(Bytes encrypted) implements ObjectPayload {
  public static MsgPayload read(ByteBuffer buf) {
    return new MsgPayload(Bytes.read(buf, buf.remaining(), "msg: encrypted"));
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
