package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * getpubkey payload (type 0, PROTOCOL.md section 8): for address versions 2 and 3 the 20-byte ripe,
 * for version 4 the 32-byte tag. Immutable.
 */
public record GetPubkey(Bytes ripeOrTag) implements ObjectPayload {
  public GetPubkey {
    if (ripeOrTag.length() != WireLimits.RIPE_LENGTH
        && ripeOrTag.length() != WireLimits.TAG_LENGTH) {
      throw new IllegalArgumentException("getpubkey carries a 20-byte ripe or a 32-byte tag");
    }
  }

  /** Reads the payload of a getpubkey of object version {@code version} (2, 3 or 4). */
  public static GetPubkey read(ByteBuffer buf, long version) {
    int n = version >= 4 ? WireLimits.TAG_LENGTH : WireLimits.RIPE_LENGTH;
    GetPubkey g =
        new GetPubkey(Bytes.read(buf, n, version >= 4 ? "getpubkey: tag" : "getpubkey: ripe"));
    WireIo.requireEnd(buf, "getpubkey");
    return g;
  }

  public boolean isTag() {
    return ripeOrTag.length() == WireLimits.TAG_LENGTH;
  }

  @Override
  public ByteBuffer write(ByteBuffer buf) {
    return ripeOrTag.write(buf);
  }

  @Override
  public int serializedSize() {
    return ripeOrTag.length();
  }
}
