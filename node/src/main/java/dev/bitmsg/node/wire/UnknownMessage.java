package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * A frame whose command this node does not know (e.g. PyBitmessage's {@code portcheck}). Kept with
 * its payload and ignored by the node, as the spec requires (PROTOCOL.md section 2). Immutable.
 */
public record UnknownMessage(String command, Bytes payload) implements Message {
  public UnknownMessage {
    FrameCodec.checkCommand(command);
  }

  @Override
  public ByteBuffer write(ByteBuffer buf) {
    return payload.write(buf);
  }

  @Override
  public int serializedSize() {
    return payload.length();
  }
}
