package dev.bitmsg.node.wire;

/**
 * Object type numbers (uint32, PROTOCOL.md section 4). Unknown types are still relayed. Constants
 * only.
 */
public final class ObjectType {
  private ObjectType() {}

  public static final long GETPUBKEY = 0;
  public static final long PUBKEY = 1;
  public static final long MSG = 2;
  public static final long BROADCAST = 3;

  /** PyBitmessage only: an onion peer announcement ("tor"). */
  public static final long ONIONPEER = 0x746f72;

  /** A short name for logs and the CLI; {@code type-N} for unknown types. */
  public static String name(long type) {
    if (type == GETPUBKEY) {
      return "getpubkey";
    } else if (type == PUBKEY) {
      return "pubkey";
    } else if (type == MSG) {
      return "msg";
    } else if (type == BROADCAST) {
      return "broadcast";
    } else if (type == ONIONPEER) {
      return "onionpeer";
    }
    return "type-" + type;
  }
}
