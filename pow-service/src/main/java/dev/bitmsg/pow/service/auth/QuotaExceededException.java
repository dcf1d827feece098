package dev.bitmsg.pow.service.auth;

/** A client asked for more than its token allows; the message says which limit. */
public final class QuotaExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QuotaExceededException(String message) {
    super(message);
  }
}
