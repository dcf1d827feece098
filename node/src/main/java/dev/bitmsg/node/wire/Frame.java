package dev.bitmsg.node.wire;

/**
 * One framed network message: its command and payload, after the header has been checked (or before
 * it is written). Immutable. See {@link FrameCodec} for the header layout.
 */
public record Frame(String command, Bytes payload) {
  public Frame {
    FrameCodec.checkCommand(command);
  }

  /** First 4 bytes of SHA-512(payload), as a big-endian int. */
  public int checksum() {
    return FrameCodec.checksum(payload.unsafeArray(), 0, payload.length());
  }

  /** Header plus payload. */
  public int serializedSize() {
    return WireLimits.HEADER_LENGTH + payload.length();
  }
}
