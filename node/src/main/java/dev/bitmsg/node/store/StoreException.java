package dev.bitmsg.node.store;

/**
 * A storage operation failed. The message says what was being done (and with how many rows); the
 * cause is the underlying driver exception. Unchecked: callers cannot repair a broken database and
 * must not swallow it either.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
