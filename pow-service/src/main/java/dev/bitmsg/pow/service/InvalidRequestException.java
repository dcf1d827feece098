package dev.bitmsg.pow.service;

/** A request is malformed or absurd; the message names the field. Maps to INVALID_ARGUMENT. */
public final class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }
}
