package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The properties every decoder must have, shared by the Jazzer fuzz tests and the seeded mutation
 * tests: on any input only {@link ProtocolException} escapes, and accepted input encodes back to
 * exactly the bytes that were read. Each check returns whether the input was accepted.
 */
final class FuzzChecks {
  private FuzzChecks() {}

  /**
   * Feeds {@code data} to the incremental frame decoder in chunks whose sizes come from the data.
   */
  static boolean frameDecoder(byte[] data) {
    if (data.length == 0) {
      return false;
    }
    int chunk = 1 + (data[0] & 0x0f);
    ByteBuffer acc = ByteBuffer.allocate(data.length);
    boolean accepted = false;
    int fed = 1;
    try {
      while (fed < data.length) {
        int n = Math.min(chunk, data.length - fed);
        acc.put(data, fed, n);
        fed += n;
        acc.flip();
        for (Optional<Frame> f = FrameCodec.decode(acc);
            f.isPresent();
            f = FrameCodec.decode(acc)) {
          int end = acc.position();
          int start = end - f.get().serializedSize();
          byte[] consumed = Arrays.copyOfRange(acc.array(), start, end);
          check(
              Arrays.equals(consumed, FrameCodec.encode(f.get()).toByteArray()), "frame re-encode");
          MessageFrameCodec.decode(f.get());
          accepted = true;
        }
        acc.compact();
      }
    } catch (ProtocolException expected) {
      return accepted;
    }
    return accepted;
  }

  /**
   * A valid frame around fuzzed bytes: the command comes from the first byte, the rest is payload.
   */
  static boolean messageReader(byte[] data) {
    if (data.length == 0) {
      return false;
    }
    Command[] all = Command.values();
    String command = (data[0] & 0xff) < all.length ? all[data[0] & 0xff].wireName() : "unknown";
    Bytes payload = Bytes.of(data, 1, data.length - 1);
    Bytes framed = FrameCodec.encode(new Frame(command, payload));
    Frame f = FrameCodec.decode(framed.asReadOnlyBuffer()).orElseThrow();
    check(f.payload().equals(payload), "frame payload");
    return roundTrip(
        data,
        1,
        buf -> MessageFrameCodec.decode(new Frame(command, Bytes.of(buf))),
        Message::toBytes);
  }

  static boolean version(byte[] data) {
    return roundTrip(data, 0, b -> Version.read(ByteBuffer.wrap(b)), Message::toBytes);
  }

  static boolean addr(byte[] data) {
    return roundTrip(data, 0, b -> Addr.read(ByteBuffer.wrap(b)), Message::toBytes);
  }

  static boolean inventoryList(byte[] data) {
    // Every reader runs on every input, even after one has failed.
    boolean inv = roundTrip(data, 0, b -> Inv.read(ByteBuffer.wrap(b)), Message::toBytes);
    boolean getData = roundTrip(data, 0, b -> GetData.read(ByteBuffer.wrap(b)), Message::toBytes);
    boolean dinv = roundTrip(data, 0, b -> Dinv.read(ByteBuffer.wrap(b)), Message::toBytes);
    return inv && getData && dinv;
  }

  static boolean error(byte[] data) {
    return roundTrip(data, 0, b -> ErrorMessage.read(ByteBuffer.wrap(b)), Message::toBytes);
  }

  /** Object header, typed view and validator: nothing but ProtocolException, views write back. */
  static boolean object(byte[] data) {
    ObjectMessage o;
    try {
      o = ObjectMessage.of(Bytes.of(data));
    } catch (ProtocolException e) {
      return false;
    }
    check(o.raw().equals(Bytes.of(data)), "object raw bytes");
    check(ObjectMessage.create(o.nonce(), o.header(), o.payload()).equals(o), "object rebuild");
    ObjectValidator validator = new ObjectValidator((obj, now) -> true, s -> true);
    ObjectVerdict verdict = validator.validate(o, 1_700_000_000L);
    check(verdict.kind() != null, "verdict");
    try {
      ObjectPayload view = ObjectPayloads.parse(o);
      check(view.toBytes().equals(o.payload()), "object view re-encode");
      return true;
    } catch (ProtocolException e) {
      return false;
    }
  }

  static boolean msgPlaintext(byte[] data) {
    return roundTrip(data, 0, b -> MsgPlaintext.read(ByteBuffer.wrap(b)), MsgPlaintext::toBytes);
  }

  static boolean broadcastPlaintext(byte[] data) {
    return roundTrip(
        data, 0, b -> BroadcastPlaintext.read(ByteBuffer.wrap(b)), BroadcastPlaintext::toBytes);
  }

  static boolean pubkeyBody(byte[] data) {
    return roundTrip(data, 0, b -> PubkeyBody.read(ByteBuffer.wrap(b)), PubkeyBody::toBytes);
  }

  static boolean embeddedAck(byte[] data) {
    try {
      ObjectMessage o = Acks.parseEmbedded(Bytes.of(data));
      check(Acks.frame(o).equals(Bytes.of(data)), "ack re-frame");
      return true;
    } catch (ProtocolException e) {
      return false;
    }
  }

  static boolean primitives(byte[] data) {
    boolean accepted = false;
    try {
      ByteBuffer buf = ByteBuffer.wrap(data);
      long v = VarInt.read(buf);
      check(Arrays.equals(VarInt.encode(v), Arrays.copyOf(data, buf.position())), "var_int");
      accepted = true;
    } catch (ProtocolException e) {
      // rejected
    }
    accepted |=
        roundTrip(
            data,
            0,
            b -> {
              ByteBuffer buf = ByteBuffer.wrap(b);
              var list = VarIntList.read(buf, WireLimits.MAX_STREAMS, "list");
              WireIo.requireEnd(buf, "list");
              return list;
            },
            list -> {
              ByteBuffer out = ByteBuffer.allocate(VarIntList.size(list));
              VarIntList.write(out, list);
              return Bytes.of(out.array());
            });
    if (data.length >= 16) {
      String host = HostEncoding.decode(Bytes.of(data, 0, 16));
      check(!host.isEmpty(), "host");
    }
    return accepted;
  }

  private static <T> boolean roundTrip(
      byte[] data, int from, Function<byte[], T> read, Function<T, Bytes> write) {
    byte[] in = Arrays.copyOfRange(data, from, data.length);
    T value;
    try {
      value = read.apply(in);
    } catch (ProtocolException e) {
      return false;
    }
    check(
        write.apply(value).equals(Bytes.of(in)),
        "round trip of " + value.getClass().getSimpleName());
    return true;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("property broken: " + what);
    }
  }
}
