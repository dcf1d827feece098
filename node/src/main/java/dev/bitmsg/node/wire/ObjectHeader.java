package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * The part of an object between its nonce and its payload: what a sender knows before the proof of
 * work, and the start of every signed data (PROTOCOL.md sections 4 and 7.2). Immutable.
 *
 * <pre>
 *   size     field
 *      8     expiresTime  uint64 UNIX seconds
 *      4     objectType   uint32
 *   var_int  version
 *   var_int  stream
 * </pre>
 */
public record ObjectHeader(long expiresTime, long objectType, long version, long stream) {
  public ObjectHeader {
    if (objectType < 0 || objectType > 0xffffffffL) {
      throw new IllegalArgumentException("object type must fit uint32: " + objectType);
    }
  }

  public static ObjectHeader read(ByteBuffer buf) {
    long expires = WireIo.readUint64(buf, "object: expiresTime");
    long type = WireIo.readUint32(buf, "object: objectType");
    long version = VarInt.read(buf);
    long stream = VarInt.read(buf);
    return new ObjectHeader(expires, type, version, stream);
  }

  public ByteBuffer write(ByteBuffer buf) {
    WireIo.writeUint64(buf, expiresTime);
    WireIo.writeInt32(buf, (int) objectType);
    VarInt.write(version, buf);
    return VarInt.write(stream, buf);
  }

  public int serializedSize() {
    return 8 + 4 + VarInt.size(version) + VarInt.size(stream);
  }

  public Bytes toBytes() {
    ByteBuffer buf = ByteBuffer.allocate(serializedSize());
    write(buf);
    return Bytes.wrap(buf.array());
  }
}
