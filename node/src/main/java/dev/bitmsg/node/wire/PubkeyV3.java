package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/** pubkey v3 payload: a signed {@link PubkeyBody} in clear (PROTOCOL.md section 8). Immutable. */
public record PubkeyV3(PubkeyBody body) implements ObjectPayload {
  public static PubkeyV3 read(ByteBuffer buf) {
    return new PubkeyV3(PubkeyBody.read(buf));
  }

  @Override
  public ByteBuffer write(ByteBuffer buf) {
    return body.write(buf);
  }

  @Override
  public int serializedSize() {
    return body.serializedSize();
  }
}
