package dev.bitmsg.node.store;

/**
 * A database file is damaged (truncated, overwritten, not a database, or failing SQLite's integrity
 * check). The message names the file and how to recover; the node does not start on it, and nothing
 * is written to it, so the user can still copy or recover what is left.
 */
public final class StoreCorruptException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreCorruptException(String message) {
    super(message);
  }

  public StoreCorruptException(String message, Throwable cause) {
    super(message, cause);
  }
}
