package dev.bitmsg.node.messaging;

import dev.bitmsg.node.crypto.Ecies;
import dev.bitmsg.node.crypto.KeyFactory;
import dev.bitmsg.node.crypto.RandomSource;
import dev.bitmsg.node.wire.Acks;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ObjectType;

/**
 * Makes the ack data of outgoing msgs at PyBitmessage's {@code ackstealthlevel}:
 *
 * <ul>
 *   <li>0: a msg object (type 2, version 1) carrying 32 random bytes, the smallest ack;
 *   <li>1: a getpubkey-looking object (type 0, version 4) carrying 32 random bytes, a "tag";
 *   <li>2: a msg object (type 2, version 1) carrying a real ECIES encryption, to a throwaway random
 *       key, of 234 to 800 random bytes (234 bytes is the smallest standard msg plaintext), so the
 *       ack cannot be told apart from a msg by its shape.
 * </ul>
 *
 * Every level is an ordinary valid object, relayed by peers like any other. Thread-safe.
 */
public final class AckMaker {
  static final int MIN_DUMMY = 234;
  static final int MAX_DUMMY = 800;

  private final int level;
  private final Ecies ecies;
  private final KeyFactory keys;
  private final RandomSource random;

  public AckMaker(int level, Ecies ecies, KeyFactory keys, RandomSource random) {
    if (level < 0 || level > 2) {
      throw new IllegalArgumentException("ack stealth level must be 0, 1 or 2, got " + level);
    }
    this.level = level;
    this.ecies = ecies;
    this.keys = keys;
    this.random = random;
  }

  public int level() {
    return level;
  }

  /** Fresh ack data for a msg to {@code stream}. */
  public Bytes ackData(long stream) {
    return switch (level) {
      case 1 -> Acks.ackData(ObjectType.GETPUBKEY, 4, stream, random.bytes(32));
      case 2 ->
          Acks.ackData(
              ObjectType.MSG,
              1,
              stream,
              ecies.encrypt(
                  keys.generate(random).publicKey(),
                  random.bytes(MIN_DUMMY + uniform(MAX_DUMMY - MIN_DUMMY + 1))));
      default -> Acks.ackData(ObjectType.MSG, 1, stream, random.bytes(32));
    };
  }

  /** Uniform in [0, bound) from the random source (rejection sampling, no modulo bias). */
  private int uniform(int bound) {
    int limit = (1 << 16) - (1 << 16) % bound;
    while (true) {
      byte[] b = random.bytes(2);
      int v = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
      if (v < limit) {
        return v % bound;
      }
    }
  }
}
