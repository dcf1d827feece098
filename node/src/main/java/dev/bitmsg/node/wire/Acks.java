package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;

/**
 * Acknowledgements (PROTOCOL.md section 8, "Ack"). A sender puts a complete framed {@code object}
 * message into its msg; the recipient checks it and injects the inner object into the network; the
 * sender recognises it when an incoming object's bytes from offset 16 equal its ack data.
 *
 * <pre>
 *   ack data                 objectType uint32 | var_int version | var_int stream | payload
 *                            (stealth level 0: type 2, version 1, 32 random bytes: 38 bytes)
 *   ack object              nonce(8) | expiresTime(8) | ack data
 *   ack field of a msg      frame header (command "object") | ack object
 * </pre>
 *
 * Stateless and thread-safe.
 */
public final class Acks {
  private static final long DAY = 24 * 3600L;
  private static final long JITTER = 300;

  private Acks() {}

  /** New random ack data for {@code stream} (PyBitmessage stealth level 0). */
  public static Bytes newAckData(long stream, RandomGenerator random) {
    byte[] rnd = new byte[32];
    random.nextBytes(rnd);
    return ackData(ObjectType.MSG, 1, stream, rnd);
  }

  /**
   * Ack data of any shape: {@code objectType | var_int version | var_int stream | payload}. The
   * stealth levels pick type, version and payload so that acks look like ordinary objects.
   */
  public static Bytes ackData(long objectType, long version, long stream, byte[] payload) {
    ByteBuffer buf =
        ByteBuffer.allocate(4 + VarInt.size(version) + VarInt.size(stream) + payload.length);
    WireIo.writeInt32(buf, (int) objectType);
    VarInt.write(version, buf);
    VarInt.write(stream, buf);
    buf.put(payload);
    return Bytes.wrap(buf.array());
  }

  /** Ack TTL bucket for a msg TTL: under 1 day gives 1 day, under 7 days 7 days, else 28 days. */
  public static long ackTtl(long msgTtlSeconds) {
    if (msgTtlSeconds < DAY) {
      return DAY;
    }
    if (msgTtlSeconds < 7 * DAY) {
      return 7 * DAY;
    }
    return 28 * DAY;
  }

  /** {@code now + ackTtl(msgTtl)} with a uniform jitter of plus or minus 300 s. */
  public static long ackExpiresTime(long now, long msgTtlSeconds, RandomGenerator random) {
    return now + ackTtl(msgTtlSeconds) + random.nextLong(-JITTER, JITTER + 1);
  }

  /**
   * The ack object: {@code nonce || expiresTime || ackData}, its nonce found by {@code powSolver},
   * which gets the object bytes without the nonce and returns a nonce that meets the target.
   */
  public static ObjectMessage ackObject(
      Bytes ackData, long expiresTime, ToLongFunction<Bytes> powSolver) {
    if (ackData.length() < 4 + 1 + 1) {
      throw new IllegalArgumentException("ack data too short: " + ackData.length());
    }
    ByteBuffer buf = ByteBuffer.allocate(8 + 8 + ackData.length());
    buf.position(8);
    WireIo.writeUint64(buf, expiresTime);
    ackData.write(buf);
    byte[] object = buf.array();
    long nonce = powSolver.applyAsLong(Bytes.of(object, 8, object.length - 8));
    ByteBuffer n = ByteBuffer.wrap(object, 0, 8);
    WireIo.writeUint64(n, nonce);
    return ObjectMessage.of(Bytes.wrap(object));
  }

  /** The framed {@code object} message that goes into a msg's ack data field. */
  public static Bytes frame(ObjectMessage ackObject) {
    return MessageFrameCodec.encode(ackObject);
  }

  /**
   * Checks an embedded ack as the recipient must (magic, declared length equal to the actual
   * length, length within {@link WireLimits#MAX_RECEIVE_PAYLOAD}, checksum, command {@code object})
   * and returns the inner object to inject into the inventory.
   *
   * @throws ProtocolException when any check fails
   */
  public static ObjectMessage parseEmbedded(Bytes ackField) {
    Frame frame = FrameCodec.decodeExactly(ackField, WireLimits.MAX_RECEIVE_PAYLOAD);
    if (!frame.command().equals(Command.OBJECT.wireName())) {
      throw new ProtocolException("ack: command '" + frame.command() + "' is not object");
    }
    return ObjectMessage.of(frame.payload());
  }

  /** True when {@code incoming} is the ack for {@code ackData}: its bytes from offset 16 match. */
  public static boolean isAckFor(ObjectMessage incoming, Bytes ackData) {
    Bytes raw = incoming.raw();
    if (raw.length() - 16 != ackData.length()) {
      return false;
    }
    for (int i = 0; i < ackData.length(); i++) {
      if (raw.get(16 + i) != ackData.get(i)) {
        return false;
      }
    }
    return true;
  }
}
