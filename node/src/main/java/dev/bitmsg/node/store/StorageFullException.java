package dev.bitmsg.node.store;

/**
 * A write failed because the database could not grow (SQLite's {@code SQLITE_FULL}: no space left
 * on the disk, or the database's page limit reached). The transaction was rolled back, so nothing
 * of it was written and nothing committed before is lost; the same work succeeds once space is
 * free. Callers refuse the new work with a clear error and keep running.
 */
public final class StorageFullException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StorageFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
