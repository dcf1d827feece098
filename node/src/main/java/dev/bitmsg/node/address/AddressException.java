package dev.bitmsg.node.address;

/** An address string that does not decode; {@link #status()} says why. */
public final class AddressException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final AddressStatus status;

  public AddressException(AddressStatus status, String message) {
    super(message + " (" + status.pyBitmessageName() + ")");
    this.status = status;
  }

  public AddressStatus status() {
    return status;
  }
}
