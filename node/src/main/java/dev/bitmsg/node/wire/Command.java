package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Function;

/**
 * The commands this node understands, each with the reader of its payload (PROTOCOL.md section 3).
 * A command not listed here is kept as an {@link UnknownMessage} and ignored, as the spec requires.
 * Immutable.
 */
public enum Command {
  VERSION("version", Version::read),
  VERACK("verack", VerAck::read),
  ADDR("addr", Addr::read),
  INV("inv", Inv::read),
  GETDATA("getdata", GetData::read),
  DINV("dinv", Dinv::read),
  OBJECT("object", ObjectMessage::read),
  PING("ping", Ping::read),
  PONG("pong", Pong::read),
  ERROR("error", ErrorMessage::read);

  private final String wireName;
  private final Function<ByteBuffer, ? extends Message> reader;

  Command(String wireName, Function<ByteBuffer, ? extends Message> reader) {
    this.wireName = wireName;
    this.reader = reader;
  }

  /** The command string in the frame header. */
  public String wireName() {
    return wireName;
  }

  /** Reads a payload of this command; the reader consumes the whole buffer or throws. */
  public Message read(ByteBuffer payload) {
    return reader.apply(payload);
  }

  public static Optional<Command> byWireName(String name) {
    for (Command c : values()) {
      if (c.wireName.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
