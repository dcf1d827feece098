package dev.bitmsg.node.wire;

import dev.bitmsg.pow.Difficulty;
import java.nio.ByteBuffer;

/**
 * The wire form of a {@link Difficulty} (PROTOCOL.md section 5): nonce trials per byte and payload
 * length extra bytes as two var_ints, in pubkeys and in the sender block of msgs and broadcasts.
 * Values below the network default of 1000 are kept as sent; raising them is the PoW rules' job.
 * Stateless.
 *
 * <pre>
 *   var_int   nonceTrialsPerByte
 *   var_int   payloadLengthExtraBytes
 * </pre>
 */
public final class DifficultyCodec {
  private DifficultyCodec() {}

  public static Difficulty read(ByteBuffer buf) {
    long ntpb = VarInt.read(buf);
    long extra = VarInt.read(buf);
    return new Difficulty(ntpb, extra);
  }

  public static ByteBuffer write(Difficulty d, ByteBuffer buf) {
    VarInt.write(d.nonceTrialsPerByte(), buf);
    return VarInt.write(d.payloadLengthExtraBytes(), buf);
  }

  public static int serializedSize(Difficulty d) {
    return VarInt.size(d.nonceTrialsPerByte()) + VarInt.size(d.payloadLengthExtraBytes());
  }
}
