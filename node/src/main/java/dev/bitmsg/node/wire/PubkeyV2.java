package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * pubkey v2 payload (PROTOCOL.md section 8): {@code bitfield(4) | signingKey(64) |
 * encryptionKey(64)}, unsigned, network-default difficulty. Keys are 64-byte X||Y. Immutable.
 */
public record PubkeyV2(int behaviorBitfield, Bytes signingKey, Bytes encryptionKey)
    implements ObjectPayload {
  public static final int SIZE = 4 + 2 * WireLimits.PUBLIC_KEY_LENGTH;

  public PubkeyV2 {
    FieldChecks.checkPublicKey(signingKey, "signing key");
    FieldChecks.checkPublicKey(encryptionKey, "encryption key");
  }

  public static PubkeyV2 read(ByteBuffer buf) {
    int bitfield = WireIo.readInt32(buf, "pubkey: bitfield");
    Bytes sig = Bytes.read(buf, WireLimits.PUBLIC_KEY_LENGTH, "pubkey: signing key");
    Bytes enc = Bytes.read(buf, WireLimits.PUBLIC_KEY_LENGTH, "pubkey: encryption key");
    WireIo.requireEnd(buf, "pubkey v2");
    return new PubkeyV2(bitfield, sig, enc);
  }

  @Override
  public ByteBuffer write(ByteBuffer buf) {
    WireIo.writeInt32(buf, behaviorBitfield);
    signingKey.write(buf);
    return encryptionKey.write(buf);
  }

  @Override
  public int serializedSize() {
    return SIZE;
  }
}
