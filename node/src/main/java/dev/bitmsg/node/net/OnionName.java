package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.Bytes;
import java.util.Locale;
import java.util.Optional;

/**
 * A Tor onion service name: v2 ({@code 16 base32 characters.onion}, 10 bytes) or v3 ({@code 56
 * base32 characters.onion}, 35 bytes: key, checksum, version). On the wire PyBitmessage writes an
 * onion host as the OnionCat prefix {@code fd87:d87e:eb43::/48} followed by the decoded bytes: that
 * fits a net_addr's 16-byte field for v2 only; a v3 name travels whole in an {@code onionpeer}
 * object ({@link OnionPeers}), and where a 16-byte field must hold one (a version's addr_recv)
 * PyBitmessage cuts the encoding to its first 16 bytes, as {@link #wireHost16()} does. Immutable.
 */
public record OnionName(String name, Bytes decoded) {
  static final byte[] ONIONCAT_PREFIX = {
    (byte) 0xfd, (byte) 0x87, (byte) 0xd8, 0x7e, (byte) 0xeb, 0x43
  };
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  /** Whether {@code host} ends in {@code .onion} (any case); says nothing of its validity. */
  public static boolean isOnion(String host) {
    return host.toLowerCase(Locale.ROOT).endsWith(".onion");
  }

  /**
   * Parses a v2 or v3 name, with or without {@code .onion}.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static OnionName parse(String host) {
    String n = host.toLowerCase(Locale.ROOT);
    if (n.endsWith(".onion")) {
      n = n.substring(0, n.length() - ".onion".length());
    }
    if (n.length() != 16 && n.length() != 56) {
      throw new IllegalArgumentException(
          "an onion name has 16 (v2) or 56 (v3) base32 characters before .onion: " + host);
    }
    byte[] out = new byte[n.length() * 5 / 8];
    long acc = 0;
    int bits = 0;
    int pos = 0;
    for (int i = 0; i < n.length(); i++) {
      int v = BASE32.indexOf(n.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("not base32 in onion name: " + host);
      }
      acc = (acc << 5) | v;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[pos++] = (byte) (acc >>> bits);
      }
    }
    return new OnionName(n + ".onion", Bytes.of(out));
  }

  /** The name of the OnionCat-prefixed bytes {@code host} (16 for v2, 41 for v3), if it is one. */
  public static Optional<OnionName> fromWire(byte[] host) {
    if ((host.length != 16 && host.length != 41) || !hasPrefix(host)) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder();
    long acc = 0;
    int bits = 0;
    for (int i = ONIONCAT_PREFIX.length; i < host.length; i++) {
      acc = (acc << 8) | (host[i] & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        sb.append(BASE32.charAt((int) ((acc >>> bits) & 31)));
      }
    }
    if (bits > 0) {
      sb.append(BASE32.charAt((int) ((acc << (5 - bits)) & 31)));
    }
    try {
      return Optional.of(parse(sb.toString()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean hasPrefix(byte[] host) {
    for (int i = 0; i < ONIONCAT_PREFIX.length; i++) {
      if (host[i] != ONIONCAT_PREFIX[i]) {
        return false;
      }
    }
    return true;
  }

  public boolean isV3() {
    return decoded.length() == 35;
  }

  /** The prefix and all decoded bytes, as an {@code onionpeer} object carries the host. */
  public byte[] wireHost() {
    byte[] key = decoded.toByteArray();
    byte[] out = new byte[ONIONCAT_PREFIX.length + key.length];
    System.arraycopy(ONIONCAT_PREFIX, 0, out, 0, ONIONCAT_PREFIX.length);
    System.arraycopy(key, 0, out, ONIONCAT_PREFIX.length, key.length);
    return out;
  }

  /** The first 16 bytes of {@link #wireHost()}: whole for v2, cut for v3 (as PyBitmessage does). */
  public Bytes wireHost16() {
    return Bytes.of(wireHost(), 0, 16);
  }

  @Override
  public String toString() {
    return name;
  }
}
