package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * A network message payload (PROTOCOL.md section 3). Every implementation is immutable, has a
 * static {@code read(ByteBuffer)} that consumes the whole payload, and writes itself back to the
 * same bytes. {@link MessageFrameCodec} maps frames to messages and back.
 */
public sealed interface Message
    permits Version,
        VerAck,
        Addr,
        Inv,
        GetData,
        Dinv,
        ObjectMessage,
        Ping,
        Pong,
        ErrorMessage,
        UnknownMessage {
  /** The command string of the frame that carries this message. */
  String command();

  /** Writes the payload (no header). */
  ByteBuffer write(ByteBuffer buf);

  /** Payload size in bytes. */
  int serializedSize();

  /** The payload as bytes. */
  default Bytes toBytes() {
    ByteBuffer buf = ByteBuffer.allocate(serializedSize());
    write(buf);
    if (buf.hasRemaining()) {
      throw new IllegalStateException(command() + ": serializedSize disagrees with write");
    }
    return Bytes.wrap(buf.array());
  }
}
