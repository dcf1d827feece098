package dev.bitmsg.node.namecoin;

import org.jspecify.annotations.Nullable;

/**
 * A Namecoin name could not be resolved; the message says why (unknown, bad value, unreachable).
 */
public final class NamecoinException extends RuntimeException {
  /** Why resolution failed. */
  public enum Reason {
    NOT_FOUND,
    INVALID_VALUE,
    UNREACHABLE,
    BAD_REPLY
  }

  private final Reason reason;

  public NamecoinException(Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
