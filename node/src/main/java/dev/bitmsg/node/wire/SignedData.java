package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * The bytes an object's ECDSA signature covers (PROTOCOL.md section 7.2). Signed data always starts
 * at the object's {@code expiresTime} (the nonce is excluded), i.e. with the {@link ObjectHeader};
 * minimal var_ints make the header's encoding unique, so a sender (before the proof of work) and a
 * receiver (from the raw object) get the same bytes. Stateless.
 */
public final class SignedData {
  private SignedData() {}

  /** pubkey v3: {@code object[8 : end of extra bytes]}. */
  public static Bytes pubkeyV3(ObjectHeader header, PubkeyBody body) {
    return concat(header.toBytes(), body.unsignedBytes());
  }

  /** pubkey v4: {@code object[8 : end of tag] || plaintext up to the end of extra bytes}. */
  public static Bytes pubkeyV4(ObjectHeader header, Bytes tag, PubkeyBody plaintext) {
    return concat(header.toBytes(), tag, plaintext.unsignedBytes());
  }

  /**
   * msg: {@code expiresTime || type || var_int(version) || var_int(stream) || plaintext from the
   * sender address version through the ack data}.
   */
  public static Bytes msg(ObjectHeader header, MsgPlaintext plaintext) {
    return concat(header.toBytes(), plaintext.unsignedBytes());
  }

  /** broadcast v4: {@code object[8 : end of stream] || plaintext up to the end of message}. */
  public static Bytes broadcastV4(ObjectHeader header, BroadcastPlaintext plaintext) {
    return concat(header.toBytes(), plaintext.unsignedBytes());
  }

  /** broadcast v5: {@code object[8 : end of tag] || plaintext up to the end of message}. */
  public static Bytes broadcastV5(ObjectHeader header, Bytes tag, BroadcastPlaintext plaintext) {
    return concat(header.toBytes(), tag, plaintext.unsignedBytes());
  }

  /** The signed data of a received pubkey v3 object. */
  public static Bytes of(ObjectMessage object, PubkeyV3 view) {
    return pubkeyV3(object.header(), view.body());
  }

  private static Bytes concat(Bytes... parts) {
    int n = 0;
    for (Bytes p : parts) {
      n += p.length();
    }
    ByteBuffer buf = ByteBuffer.allocate(n);
    for (Bytes p : parts) {
      p.write(buf);
    }
    return Bytes.wrap(buf.array());
  }
}
