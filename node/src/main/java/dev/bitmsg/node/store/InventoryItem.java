package dev.bitmsg.node.store;

import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectType;
import dev.bitmsg.node.wire.WireLimits;
import java.util.Optional;

/**
 * One inventory row: an object's vector, the header fields the node queries by, the exact object
 * bytes and, for objects addressed by tag (getpubkey v4, pubkey v4, broadcast v5), the 32-byte tag;
 * msgs carry the first 32 bytes of their payload there, which PyBitmessage stores as their tag and
 * its API looks them up by ({@code getMessageDataByDestinationHash}). Immutable.
 */
public record InventoryItem(
    InventoryVector vector,
    long objectType,
    long stream,
    long expiresTime,
    Bytes raw,
    Optional<Bytes> tag) {

  /** The row for a received or created object. */
  public static InventoryItem of(ObjectMessage object) {
    return new InventoryItem(
        object.inventoryVector(),
        object.objectType(),
        object.stream(),
        object.expiresTime(),
        object.raw(),
        tagOf(object));
  }

  /**
   * The tag an object is looked up by, when its type and version carry one (PROTOCOL.md 8), or for
   * a msg its destination hash.
   */
  static Optional<Bytes> tagOf(ObjectMessage object) {
    long type = object.objectType();
    long version = object.version();
    boolean tagged =
        (type == ObjectType.GETPUBKEY && version >= 4)
            || (type == ObjectType.PUBKEY && version >= 4)
            || (type == ObjectType.BROADCAST && version >= 5)
            || type == ObjectType.MSG;
    if (!tagged || object.payloadLength() < WireLimits.TAG_LENGTH) {
      return Optional.empty();
    }
    int from = object.payloadOffset();
    return Optional.of(object.rawSlice(from, from + WireLimits.TAG_LENGTH));
  }

  /** The stored object, parsed back. */
  public ObjectMessage toObject() {
    return ObjectMessage.of(raw);
  }
}
