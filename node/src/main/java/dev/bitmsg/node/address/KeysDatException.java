package dev.bitmsg.node.address;

/** A keys.dat file that cannot be read: bad INI syntax or an identity section that is broken. */
public final class KeysDatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeysDatException(String message) {
    super(message);
  }

  public KeysDatException(String message, Throwable cause) {
    super(message, cause);
  }
}
