package dev.bitmsg.pow.service;

/** The server holds as many unfinished jobs as it admits ({@code max-queued-jobs}). */
public final class QueueFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueueFullException(String message) {
    super(message);
  }
}
