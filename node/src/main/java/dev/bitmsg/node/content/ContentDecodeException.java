package dev.bitmsg.node.content;

/** A message body that cannot be decoded under its encoding; {@link #reason()} says why. */
public final class ContentDecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why decoding failed. */
  public enum Reason {
    /** Encoding 0 or a number we do not know. */
    UNSUPPORTED_ENCODING,
    /** zlib data that is corrupt or truncated. */
    BAD_COMPRESSION,
    /** Inflates to more than the limit (1 MiB, PyBitmessage's {@code zlib.maxsize}). */
    TOO_LARGE,
    /** Not a msgpack map, trailing data, or fields of the wrong type or missing. */
    MALFORMED,
    /** A msgpack message whose {@code ""} type is not {@code "message"}. */
    UNSUPPORTED_TYPE
  }

  private final Reason reason;

  public ContentDecodeException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ContentDecodeException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
