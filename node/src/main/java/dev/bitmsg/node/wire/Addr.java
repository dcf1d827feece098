package dev.bitmsg.node.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code addr}: var_int count (at most {@value WireLimits#MAX_ADDR_ITEMS}) + count x 38-byte {@link
 * TimedNetworkAddress} (PROTOCOL.md section 3.4). Immutable.
 */
public record Addr(List<TimedNetworkAddress> addresses) implements Message {
  public Addr {
    addresses = List.copyOf(addresses);
    if (addresses.size() > WireLimits.MAX_ADDR_ITEMS) {
      throw new IllegalArgumentException("addr carries at most " + WireLimits.MAX_ADDR_ITEMS);
    }
  }

  public static Addr read(ByteBuffer buf) {
    int count = VarInt.readBounded(buf, WireLimits.MAX_ADDR_ITEMS, "addr: count");
    WireIo.need(buf, count * TimedNetworkAddress.SIZE, "addr: " + count + " entries");
    List<TimedNetworkAddress> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(TimedNetworkAddress.read(buf));
    }
    WireIo.requireEnd(buf, "addr");
    return new Addr(out);
  }

  @Override
  public String command() {
    return "addr";
  }

  @Override
  public ByteBuffer write(ByteBuffer buf) {
    VarInt.write(addresses.size(), buf);
    addresses.forEach(a -> a.write(buf));
    return buf;
  }

  @Override
  public int serializedSize() {
    return VarInt.size(addresses.size()) + addresses.size() * TimedNetworkAddress.SIZE;
  }
}
