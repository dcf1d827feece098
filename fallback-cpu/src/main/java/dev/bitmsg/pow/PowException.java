package dev.bitmsg.pow;

import org.jspecify.annotations.Nullable;

/** An engine could not complete a search (device failure, wrong answer, engine closed). */
public class PowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PowException(String message) {
    super(message);
  }

  public PowException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
