package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;

/**
 * net_addr without time and stream, the 26-byte form used in {@code version} (PROTOCOL.md section
 * 1). Immutable.
 *
 * <pre>
 *   offset  size  field
 *        0     8  services  uint64
 *        8    16  ip        IPv6, IPv4-mapped, or onion-encoded (see {@link HostEncoding})
 *       24     2  port      uint16
 * </pre>
 */
public record NetworkAddress(long services, Bytes ip, int port) {
  public static final int SIZE = WireLimits.NET_ADDR_SHORT_LENGTH;

  public NetworkAddress {
    if (ip.length() != 16) {
      throw new IllegalArgumentException("ip must be 16 bytes, got " + ip.length());
    }
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  public static NetworkAddress read(ByteBuffer buf) {
    WireIo.need(buf, SIZE, "net_addr");
    long services = WireIo.readUint64(buf, "services");
    Bytes ip = Bytes.read(buf, 16, "ip");
    int port = WireIo.readUint16(buf, "port");
    return new NetworkAddress(services, ip, port);
  }

  public ByteBuffer write(ByteBuffer buf) {
    WireIo.writeUint64(buf, services);
    ip.write(buf);
    WireIo.writeUint16(buf, port);
    return buf;
  }

  public int serializedSize() {
    return SIZE;
  }

  /** The host as text: dotted IPv4, IPv6, or {@code name.onion}. */
  public String host() {
    return HostEncoding.decode(ip);
  }
}
