package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/** {@code verack}: empty payload, acknowledges a {@code version} (PROTOCOL.md 3.2). Immutable. */
public record VerAck() implements Message {
  public static VerAck read(ByteBuffer buf) {
    WireIo.requireEnd(buf, "verack");
    return new VerAck();
  }

  @Override
  public String command() {
    return "verack";
  }

  @Override
  public ByteBuffer write(ByteBuffer buf) {
    return buf;
  }

  @Override
  public int serializedSize() {
    return 0;
  }
}
