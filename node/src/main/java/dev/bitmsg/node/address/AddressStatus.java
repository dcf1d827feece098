package dev.bitmsg.node.address;

/**
 * Why an address string was rejected, with the status word PyBitmessage's {@code decodeAddress}
 * reports for the same case (PROTOCOL.md section 6).
 */
public enum AddressStatus {
  INVALID_CHARACTERS("invalidcharacters"),
  CHECKSUM_FAILED("checksumfailed"),
  VARINT_MALFORMED("varintmalformed"),
  VERSION_TOO_HIGH("versiontoohigh"),
  /** Version 1 decodes in PyBitmessage but nothing can use it; we refuse it. */
  VERSION_UNSUPPORTED("versionunsupported"),
  RIPE_TOO_SHORT("ripetooshort"),
  RIPE_TOO_LONG("ripetoolong"),
  /** A v4 address whose embedded ripe still starts with 00 (malleable encoding). */
  ENCODING_PROBLEM("encodingproblem");

  private final String pyBitmessageName;

  AddressStatus(String pyBitmessageName) {
    this.pyBitmessageName = pyBitmessageName;
  }

  /** The status string PyBitmessage uses. */
  public String pyBitmessageName() {
    return pyBitmessageName;
  }
}
