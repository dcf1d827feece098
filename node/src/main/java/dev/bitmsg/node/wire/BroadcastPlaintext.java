package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * The decrypted content of a broadcast (PROTOCOL.md section 8): like a msg plaintext without
 * destination ripe and ack. Immutable.
 *
 * <pre>
 *   {@link SenderKeys}
 *   var_int   encoding
 *   var_str   message
 *   var_str   signature   (DER)
 * </pre>
 */
public record BroadcastPlaintext(SenderKeys sender, long encoding, Bytes message, Bytes signature) {
  /** Reads a plaintext that fills {@code buf} exactly. */
  public static BroadcastPlaintext read(ByteBuffer buf) {
    SenderKeys sender = SenderKeys.read(buf);
    long encoding = VarInt.read(buf);
    Bytes message = WireIo.readVarBytes(buf, buf.remaining(), "broadcast: message");
    Bytes signature = WireIo.readVarBytes(buf, buf.remaining(), "broadcast: signature");
    WireIo.requireEnd(buf, "broadcast plaintext");
    return new BroadcastPlaintext(sender, encoding, message, signature);
  }

  public static BroadcastPlaintext read(Bytes plaintext) {
    return read(plaintext.asReadOnlyBuffer());
  }

  public BroadcastPlaintext withSignature(Bytes newSignature) {
    return new BroadcastPlaintext(sender, encoding, message, newSignature);
  }

  /** Sender block through message: what the signature covers after the object prefix. */
  public ByteBuffer writeUnsigned(ByteBuffer buf) {
    sender.write(buf);
    VarInt.write(encoding, buf);
    return WireIo.writeVarBytes(buf, message);
  }

  public int unsignedSize() {
    return sender.serializedSize() + VarInt.size(encoding) + WireIo.varBytesSize(message);
  }

  public Bytes unsignedBytes() {
    ByteBuffer buf = ByteBuffer.allocate(unsignedSize());
    writeUnsigned(buf);
    return Bytes.wrap(buf.array());
  }

  public ByteBuffer write(ByteBuffer buf) {
    writeUnsigned(buf);
    return WireIo.writeVarBytes(buf, signature);
  }

  public int serializedSize() {
    return unsignedSize() + WireIo.varBytesSize(signature);
  }

  public Bytes toBytes() {
    ByteBuffer buf = ByteBuffer.allocate(serializedSize());
    write(buf);
    return Bytes.wrap(buf.array());
  }
}
