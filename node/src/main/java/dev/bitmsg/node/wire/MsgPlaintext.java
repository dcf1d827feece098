package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * The decrypted content of a msg object (PROTOCOL.md section 8). Immutable. The ack data is the
 * complete framed {@code object} message the recipient sends back (see {@link Acks}), or empty.
 *
 * <pre>
 *   {@link SenderKeys}
 *     20      destinationRipe
 *   var_int   encoding
 *   var_str   message
 *   var_str   ackData
 *   var_str   signature   (DER)
 * </pre>
 *
 * The signature covers the object header plus {@link #unsignedBytes()} (see {@link SignedData}).
 */
public record MsgPlaintext(
    SenderKeys sender,
    Bytes destinationRipe,
    long encoding,
    Bytes message,
    Bytes ackData,
    Bytes signature) {
  public MsgPlaintext {
    FieldChecks.checkLength(destinationRipe, WireLimits.RIPE_LENGTH, "destination ripe");
  }

  /** Reads a plaintext that fills {@code buf} exactly. */
  public static MsgPlaintext read(ByteBuffer buf) {
    SenderKeys sender = SenderKeys.read(buf);
    Bytes ripe = Bytes.read(buf, WireLimits.RIPE_LENGTH, "msg: destination ripe");
    long encoding = VarInt.read(buf);
    Bytes message = WireIo.readVarBytes(buf, buf.remaining(), "msg: message");
    Bytes ack = WireIo.readVarBytes(buf, buf.remaining(), "msg: ack data");
    Bytes signature = WireIo.readVarBytes(buf, buf.remaining(), "msg: signature");
    WireIo.requireEnd(buf, "msg plaintext");
    return new MsgPlaintext(sender, ripe, encoding, message, ack, signature);
  }

  public static MsgPlaintext read(Bytes plaintext) {
    return read(plaintext.asReadOnlyBuffer());
  }

  public MsgPlaintext withSignature(Bytes newSignature) {
    return new MsgPlaintext(sender, destinationRipe, encoding, message, ackData, newSignature);
  }

  /** Sender block through ack data: what the signature covers after the object header. */
  public ByteBuffer writeUnsigned(ByteBuffer buf) {
    sender.write(buf);
    destinationRipe.write(buf);
    VarInt.write(encoding, buf);
    WireIo.writeVarBytes(buf, message);
    WireIo.writeVarBytes(buf, ackData);
    return buf;
  }

  public int unsignedSize() {
    return sender.serializedSize()
        + WireLimits.RIPE_LENGTH
        + VarInt.size(encoding)
        + WireIo.varBytesSize(message)
        + WireIo.varBytesSize(ackData);
  }

  public Bytes unsignedBytes() {
    ByteBuffer buf = ByteBuffer.allocate(unsignedSize());
    writeUnsigned(buf);
    return Bytes.wrap(buf.array());
  }

  public ByteBuffer write(ByteBuffer buf) {
    writeUnsigned(buf);
    WireIo.writeVarBytes(buf, signature);
    return buf;
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
