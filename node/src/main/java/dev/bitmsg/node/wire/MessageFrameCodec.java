package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Maps checked frames to {@link Message} records and back. Unknown commands become {@link
 * UnknownMessage}. Stateless and thread-safe.
 */
public final class MessageFrameCodec {
  private MessageFrameCodec() {}

  /**
   * Decodes a frame's payload.
   *
   * @throws ProtocolException when the payload breaks its command's layout (including trailing
   *     bytes)
   */
  public static Message decode(Frame frame) {
    Optional<Command> command = Command.byWireName(frame.command());
    if (command.isEmpty()) {
      return new UnknownMessage(frame.command(), frame.payload());
    }
    ByteBuffer buf = frame.payload().asReadOnlyBuffer();
    Message m = command.get().read(buf);
    WireIo.requireEnd(buf, frame.command());
    return m;
  }

  public static Frame toFrame(Message message) {
    return new Frame(message.command(), message.toBytes());
  }

  /** The complete framed bytes of {@code message}. */
  public static Bytes encode(Message message) {
    return FrameCodec.encode(toFrame(message));
  }
}
