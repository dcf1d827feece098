package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * net_addr with time and stream, the 38-byte form used in {@code addr} (PROTOCOL.md section 1).
 * Immutable.
 *
 * <pre>
 *   offset  size  field
 *        0     8  time      uint64, UNIX seconds the peer was last seen
 *        8     4  stream    uint32
 *       12    26  address   {@link NetworkAddress}
 * </pre>
 */
public record TimedNetworkAddress(long time, long stream, NetworkAddress address) {
  public static final int SIZE = WireLimits.NET_ADDR_LENGTH;

  public TimedNetworkAddress {
    if (stream < 0 || stream > 0xffffffffL) {
      throw new IllegalArgumentException("stream must fit uint32: " + stream);
    }
  }

  public static TimedNetworkAddress read(ByteBuffer buf) {
    WireIo.need(buf, SIZE, "net_addr");
    long time = WireIo.readUint64(buf, "time");
    long stream = WireIo.readUint32(buf, "stream");
    return new TimedNetworkAddress(time, stream, NetworkAddress.read(buf));
  }

  public ByteBuffer write(ByteBuffer buf) {
    WireIo.writeUint64(buf, time);
    WireIo.writeInt32(buf, (int) stream);
    return address.write(buf);
  }

  public int serializedSize() {
    return SIZE;
  }
}
