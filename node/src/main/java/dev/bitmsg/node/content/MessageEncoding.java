package dev.bitmsg.node.content;

import java.util.Optional;

/** The message encodings of msg and broadcast plaintexts (PROTOCOL.md section 8). */
public enum MessageEncoding {
  /** 0: not to be shown; no ack is sent. */
  IGNORE(0),
  /** 1: the body only, UTF-8. */
  TRIVIAL(1),
  /** 2: {@code "Subject:" + subject + "\nBody:" + body}. */
  SIMPLE(2),
  /** 3: zlib-compressed msgpack map {@code {"": "message", "subject": .., "body": ..}}. */
  EXTENDED(3);

  private final int code;

  MessageEncoding(int code) {
    this.code = code;
  }

  /** The var_int value on the wire. */
  public int code() {
    return code;
  }

  public static Optional<MessageEncoding> of(long code) {
    for (MessageEncoding e : values()) {
      if (e.code == code) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
