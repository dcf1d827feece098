package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/** {@code ping}: empty keep-alive, answered with {@code pong} (PROTOCOL.md 3.2). Immutable. */
public record Ping() implements Message {
  public static Ping read(ByteBuffer buf) {
    WireIo.requireEnd(buf, "ping");
    return new Ping();
  }

  @Override
  public String command() {
    return "ping";
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
