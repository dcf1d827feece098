package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/** {@code pong}: empty answer to {@code ping}; ignored on receipt (PROTOCOL.md 3.2). Immutable. */
public record Pong() implements Message {
  public static Pong read(ByteBuffer buf) {
    WireIo.requireEnd(buf, "pong");
    return new Pong();
  }

  @Override
  public String command() {
    return "pong";
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
