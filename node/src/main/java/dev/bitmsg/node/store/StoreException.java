package dev.bitmsg.node.store;

/**
 * A storage operation failed. The message says what was being done (and with how many rows); the
 * cause is the underlying driver exception. Unchecked: callers cannot repair a broken database and
 * must not swallow it either. Two failures callers treat apart have their own type: {@link
 * StorageFullException} (the disk or the database's size limit is full: nothing was written, retry
 * later) and {@link StoreCorruptException} (the file is damaged: stop and tell the user).
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
