package dev.bitmsg.node.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The 16-byte host field of a net_addr (PROTOCOL.md section 1): IPv6 as is, IPv4 as IPv4-mapped
 * IPv6 ({@code 00 x10 ff ff a b c d}), and a Tor v2 onion name as {@code fd87d87eeb43} + the 10
 * base32-decoded bytes of the name. Stateless.
 */
public final class HostEncoding {
  private static final byte[] IPV4_PREFIX = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff
  };
  private static final byte[] ONION_PREFIX = {
    (byte) 0xfd, (byte) 0x87, (byte) 0xd8, 0x7e, (byte) 0xeb, 0x43
  };
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  private HostEncoding() {}

  /** Encodes a literal address (IPv4 becomes IPv4-mapped). */
  public static Bytes encode(InetAddress address) {
    byte[] raw = address.getAddress();
    if (address instanceof Inet4Address) {
      return ipv4(raw);
    }
    return Bytes.of(raw);
  }

  /** IPv4-mapped form of a 4-byte IPv4 address. */
  public static Bytes ipv4(byte[] ipv4) {
    if (ipv4.length != 4) {
      throw new IllegalArgumentException("IPv4 address must be 4 bytes");
    }
    byte[] out = new byte[16];
    System.arraycopy(IPV4_PREFIX, 0, out, 0, 12);
    System.arraycopy(ipv4, 0, out, 12, 4);
    return Bytes.wrap(out);
  }

  /** Encodes a Tor v2 name ({@code 16 base32 chars}, with or without {@code .onion}). */
  public static Bytes onion(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".onion")) {
      n = n.substring(0, n.length() - ".onion".length());
    }
    if (n.length() != 16) {
      throw new IllegalArgumentException("a v2 onion name has 16 base32 characters: " + name);
    }
    byte[] out = new byte[16];
    System.arraycopy(ONION_PREFIX, 0, out, 0, 6);
    long acc = 0;
    int bits = 0;
    int pos = 6;
    for (int i = 0; i < n.length(); i++) {
      int v = BASE32.indexOf(n.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("not base32: " + name);
      }
      acc = (acc << 5) | v;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[pos++] = (byte) (acc >>> bits);
      }
    }
    return Bytes.wrap(out);
  }

  public static boolean isIpv4(Bytes ip) {
    return startsWith(ip, IPV4_PREFIX);
  }

  public static boolean isOnion(Bytes ip) {
    return startsWith(ip, ONION_PREFIX);
  }

  /** The host as text: dotted IPv4, {@code name.onion}, or IPv6. */
  public static String decode(Bytes ip) {
    if (ip.length() != 16) {
      throw new IllegalArgumentException("host field must be 16 bytes");
    }
    byte[] b = ip.toByteArray();
    if (isIpv4(ip)) {
      return (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
    }
    if (isOnion(ip)) {
      StringBuilder sb = new StringBuilder();
      long acc = 0;
      int bits = 0;
      for (int i = 6; i < 16; i++) {
        acc = (acc << 8) | (b[i] & 0xff);
        bits += 8;
        while (bits >= 5) {
          bits -= 5;
          sb.append(BASE32.charAt((int) ((acc >>> bits) & 31)));
        }
      }
      return sb.append(".onion").toString();
    }
    try {
      return Inet6Address.getByAddress(null, b, null).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an IPv6 address", e);
    }
  }

  private static boolean startsWith(Bytes ip, byte[] prefix) {
    if (ip.length() != 16) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (ip.get(i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
