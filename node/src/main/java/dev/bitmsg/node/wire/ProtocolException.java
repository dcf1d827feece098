package dev.bitmsg.node.wire;

/**
 * Input that breaks the wire format: truncated, non-minimal, oversized, trailing bytes, bad magic
 * or checksum. Decoders throw it instead of returning null; a peer that causes it is dropped.
 */
public class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProtocolException(String message) {
    super(message);
  }

  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
