package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code error} (PROTOCOL.md section 3.5). Immutable; text kept as raw bytes so decoding and
 * encoding round-trip exactly.
 *
 * <pre>
 *   var_int  fatal             0 warning, 1 error, 2 fatal
 *   var_int  ban_time          seconds
 *   var_str  inventory_vector  usually empty
 *   var_str  text
 * </pre>
 */
public record ErrorMessage(long fatal, long banTime, Bytes inventoryVector, Bytes text)
    implements Message {
  public static final long WARNING = 0;
  public static final long ERROR = 1;
  public static final long FATAL = 2;

  public static ErrorMessage of(long fatal, long banTime, String text) {
    return new ErrorMessage(
        fatal, banTime, Bytes.EMPTY, Bytes.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  public static ErrorMessage read(ByteBuffer buf) {
    long fatal = VarInt.read(buf);
    long banTime = VarInt.read(buf);
    Bytes vector = VarStr.readBytes(buf, WireLimits.MAX_RECEIVE_PAYLOAD, "error: vector");
    Bytes text = VarStr.readBytes(buf, WireLimits.MAX_RECEIVE_PAYLOAD, "error: text");
    WireIo.requireEnd(buf, "error");
    return new ErrorMessage(fatal, banTime, vector, text);
  }

  public String textString() {
    return new String(text.unsafeArray(), StandardCharsets.UTF_8);
  }

  @Override
  public String command() {
    return "error";
  }

  @Override
  public ByteBuffer write(ByteBuffer buf) {
    VarInt.write(fatal, buf);
    VarInt.write(banTime, buf);
    WireIo.writeVarBytes(buf, inventoryVector);
    WireIo.writeVarBytes(buf, text);
    return buf;
  }

  @Override
  public int serializedSize() {
    return VarInt.size(fatal)
        + VarInt.size(banTime)
        + WireIo.varBytesSize(inventoryVector)
        + WireIo.varBytesSize(text);
  }
}
