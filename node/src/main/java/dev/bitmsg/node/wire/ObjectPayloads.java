package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * Parses the typed view of an object from its raw payload. Known type and version pairs must match
 * their layout exactly; anything else is an {@link OpaquePayload} that is still stored and relayed.
 * Stateless.
 */
public final class ObjectPayloads {
  private ObjectPayloads() {}

  /**
   * Parses the payload of {@code object} by its type and version.
   *
   * @throws ProtocolException when a known type/version breaks its layout
   */
  public static ObjectPayload parse(ObjectMessage object) {
    ByteBuffer buf = object.payloadBuffer();
    long type = object.objectType();
    long version = object.version();
    ObjectPayload view;
    if (type == ObjectType.GETPUBKEY && version >= 2 && version <= 4) {
      view = GetPubkey.read(buf, version);
    } else if (type == ObjectType.PUBKEY && version == 2) {
      view = PubkeyV2.read(buf);
    } else if (type == ObjectType.PUBKEY && version == 3) {
      view = PubkeyV3.read(buf);
    } else if (type == ObjectType.PUBKEY && version == 4) {
      view = PubkeyV4.read(buf);
    } else if (type == ObjectType.MSG && version == 1) {
      view = MsgPayload.read(buf);
    } else if (type == ObjectType.BROADCAST && version == 4) {
      view = BroadcastV4.read(buf);
    } else if (type == ObjectType.BROADCAST && version == 5) {
      view = BroadcastV5.read(buf);
    } else {
      view = OpaquePayload.read(buf);
    }
    WireIo.requireEnd(buf, ObjectType.name(type) + " v" + Long.toUnsignedString(version));
    return view;
  }
}
