package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * The proof-of-work difficulty an address owner demands: nonce trials per byte and payload length
 * extra bytes, two var_ints (PROTOCOL.md section 5). Immutable. Values below the network default of
 * 1000 are kept as sent; raising them is the PoW code's job.
 */
public record Difficulty(long nonceTrialsPerByte, long extraBytes) {
  public static final Difficulty NETWORK_DEFAULT = new Difficulty(1000, 1000);

  public static Difficulty read(ByteBuffer buf) {
    long ntpb = VarInt.read(buf);
    long extra = VarInt.read(buf);
    return new Difficulty(ntpb, extra);
  }

  public ByteBuffer write(ByteBuffer buf) {
    VarInt.write(nonceTrialsPerByte, buf);
    return VarInt.write(extraBytes, buf);
  }

  public int serializedSize() {
    return VarInt.size(nonceTrialsPerByte) + VarInt.size(extraBytes);
  }
}
