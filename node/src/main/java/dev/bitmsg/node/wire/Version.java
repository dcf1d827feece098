package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code version}: the first message of a connection (PROTOCOL.md section 3.1). Immutable. The user
 * agent is kept as raw bytes so a decoded message writes back byte for byte; {@link
 * #userAgentText()} gives it as text.
 *
 * <pre>
 *   size          field
 *      4          protocol version  int32 (3)
 *      8          services          uint64 bit flags
 *      8          timestamp         int64 UNIX seconds
 *     26          addr_recv         {@link NetworkAddress}
 *     26          addr_from         {@link NetworkAddress} (its port is the listening port)
 *      8          nonce             connection nonce, detects connecting to self
 *   var_str       user_agent        at most {@value WireLimits#MAX_USER_AGENT} bytes
 *   var_int_list  streams           at most {@value WireLimits#MAX_STREAMS} entries
 * </pre>
 */
public record Version(
    int protocolVersion,
    long services,
    long timestamp,
    NetworkAddress addrRecv,
    NetworkAddress addrFrom,
    long nonce,
    Bytes userAgent,
    List<Long> streams)
    implements Message {
  public static final long NODE_NETWORK = 1;
  public static final long NODE_SSL = 2;
  public static final long NODE_DANDELION = 8;

  public Version {
    streams = List.copyOf(streams);
    if (userAgent.length() > WireLimits.MAX_USER_AGENT) {
      throw new IllegalArgumentException("user agent longer than " + WireLimits.MAX_USER_AGENT);
    }
    if (streams.size() > WireLimits.MAX_STREAMS) {
      throw new IllegalArgumentException("more than " + WireLimits.MAX_STREAMS + " streams");
    }
  }

  /** Convenience constructor taking the user agent as text. */
  public static Version of(
      int protocolVersion,
      long services,
      long timestamp,
      NetworkAddress addrRecv,
      NetworkAddress addrFrom,
      long nonce,
      String userAgent,
      List<Long> streams) {
    return new Version(
        protocolVersion,
        services,
        timestamp,
        addrRecv,
        addrFrom,
        nonce,
        Bytes.wrap(userAgent.getBytes(StandardCharsets.UTF_8)),
        streams);
  }

  public static Version read(ByteBuffer buf) {
    int protocolVersion = WireIo.readInt32(buf, "version: protocol version");
    long services = WireIo.readUint64(buf, "version: services");
    long timestamp = WireIo.readUint64(buf, "version: timestamp");
    NetworkAddress recv = NetworkAddress.read(buf);
    NetworkAddress from = NetworkAddress.read(buf);
    long nonce = WireIo.readUint64(buf, "version: nonce");
    Bytes ua = VarStr.readBytes(buf, WireLimits.MAX_USER_AGENT, "version: user agent");
    List<Long> streams = VarIntList.read(buf, WireLimits.MAX_STREAMS, "version: streams");
    WireIo.requireEnd(buf, "version");
    return new Version(protocolVersion, services, timestamp, recv, from, nonce, ua, streams);
  }

  public String userAgentText() {
    return new String(userAgent.unsafeArray(), StandardCharsets.UTF_8);
  }

  public boolean hasService(long flag) {
    return (services & flag) != 0;
  }

  @Override
  public String command() {
    return "version";
  }

  @Override
  public ByteBuffer write(ByteBuffer buf) {
    WireIo.writeInt32(buf, protocolVersion);
    WireIo.writeUint64(buf, services);
    WireIo.writeUint64(buf, timestamp);
    addrRecv.write(buf);
    addrFrom.write(buf);
    WireIo.writeUint64(buf, nonce);
    WireIo.writeVarBytes(buf, userAgent);
    VarIntList.write(buf, streams);
    return buf;
  }

  @Override
  public int serializedSize() {
    return 4
        + 8
        + 8
        + 2 * NetworkAddress.SIZE
        + 8
        + WireIo.varBytesSize(userAgent)
        + VarIntList.size(streams);
  }
}
