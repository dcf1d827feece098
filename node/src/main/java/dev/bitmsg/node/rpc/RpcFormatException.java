package dev.bitmsg.node.rpc;

/** A request body that is not a valid XML-RPC or JSON-RPC call. Immutable. */
public final class RpcFormatException extends IllegalArgumentException {
  public RpcFormatException(String message) {
    super(message);
  }
}
