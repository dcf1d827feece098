package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * pubkey v4 payload: {@code tag(32) | ECIES blob}; the blob decrypts to a {@link PubkeyBody}
 * (PROTOCOL.md section 8). Immutable.
 */
public record PubkeyV4(Bytes tag, Bytes encrypted) implements ObjectPayload {
  public PubkeyV4 {
    FieldChecks.checkLength(tag, WireLimits.TAG_LENGTH, "tag");
  }

  public static PubkeyV4 read(ByteBuffer buf) {
    Bytes tag = Bytes.read(buf, WireLimits.TAG_LENGTH, "pubkey v4: tag");
    return new PubkeyV4(tag, Bytes.read(buf, buf.remaining(), "pubkey v4: encrypted"));
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
