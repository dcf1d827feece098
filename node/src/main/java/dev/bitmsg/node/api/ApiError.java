package dev.bitmsg.node.api;

import java.util.Locale;

/**
 * A client API failure with PyBitmessage's numeric code (PROTOCOL.md section 10). XML-RPC sends it
 * as a fault whose faultCode is {@link #code()}; the text is {@link #formatted()}. Immutable.
 */
public final class ApiError extends RuntimeException {
  private final int code;

  public ApiError(int code, String text) {
    super(text);
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** {@code API Error 00NN: text}, as PyBitmessage prints it. */
  public String formatted() {
    return String.format(Locale.ROOT, "API Error %04d: %s", code, getMessage());
  }

  /** PyBitmessage's fault 0 for a call with too many or too few parameters. */
  static ApiError paramCount(String method, int min, int max, int given) {
    String bound = given > max ? "at most " + max : "at least " + min;
    return new ApiError(
        0, "Command " + method + " takes " + bound + " parameters (" + given + " given)");
  }

  static ApiError decode(String what) {
    return new ApiError(22, "Decode error - " + what);
  }
}
