package dev.bitmsg.pow.service;

/** No job with the given id belongs to the caller. Maps to NOT_FOUND. */
public final class UnknownJobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownJobException(String jobId) {
    super("no job '" + jobId + "' for this client");
  }
}
