package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * A typed view of an object's payload (PROTOCOL.md section 8), parsed from the raw bytes by {@link
 * ObjectPayloads#parse(ObjectMessage)}. Views are immutable and write back the exact payload bytes;
 * types or versions this node does not understand are an {@link OpaquePayload}.
 */
public sealed interface ObjectPayload
    permits GetPubkey,
        PubkeyV2,
        PubkeyV3,
        PubkeyV4,
        MsgPayload,
        BroadcastV4,
        BroadcastV5,
        OpaquePayload {
  ByteBuffer write(ByteBuffer buf);

  int serializedSize();

  default Bytes toBytes() {
    ByteBuffer buf = ByteBuffer.allocate(serializedSize());
    write(buf);
    return Bytes.wrap(buf.array());
  }
}
