package dev.bitmsg.node.store;

import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.pow.Difficulty;

/**
 * A verified public key of another address: the two 64-byte keys, the behaviour bitfield and the
 * difficulty it demands. Immutable.
 */
public record StoredPubkey(
    String address,
    int bitfield,
    Bytes signingKey,
    Bytes encryptionKey,
    Difficulty difficulty,
    long received) {

  /** Bit 31 (value 1) of the bitfield: the owner sends acks (PROTOCOL.md section 8). */
  public boolean doesAck() {
    return (bitfield & 1) != 0;
  }
}
