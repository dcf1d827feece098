package dev.bitmsg.node.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * How the peer policy groups remote addresses: the <em>host</em> (what "one address" means for the
 * per-address limits and for a peer's identity: an IPv4 address, an IPv6 /64, since one subscriber
 * usually gets a whole /64) and the <em>network group</em> (what eviction protection and outbound
 * diversity spread over: IPv4 /16, IPv6 /32, as Bitcoin Core groups them).
 *
 * <p>Loopback is special. On a real node every connection from 127.0.0.0/8 or ::1 is local: an
 * onion service's inbound connections, a local proxy, a node on the same machine; with {@code
 * loopbackIsLocal} they form one group and one host named {@code local}, and the policy neither
 * limits nor bans them (see {@link PeerPolicy#exemptLoopback()}). Tests that model distinct hosts
 * as 127.0.0.N turn it off: then each loopback address is its own host and its own network group,
 * so that 127.0.0.1 and 127.0.0.2 look like two machines in two networks. Immutable.
 */
final class NetGroups {
  static final String LOCAL = "local";

  private final boolean loopbackIsLocal;

  NetGroups(boolean loopbackIsLocal) {
    this.loopbackIsLocal = loopbackIsLocal;
  }

  /** Whether {@code ip} is a local peer the policy exempts (loopback on a real node). */
  boolean isLocal(InetAddress ip) {
    return loopbackIsLocal && ip.isLoopbackAddress();
  }

  /** The host key of {@code ip}: {@code 4:a.b.c.d}, {@code 6:xxxx:xxxx:xxxx:xxxx::/64}. */
  String host(InetAddress ip) {
    if (isLocal(ip)) {
      return LOCAL;
    }
    byte[] b = ip.getAddress();
    if (ip instanceof Inet4Address || ip.isLoopbackAddress()) {
      return (ip instanceof Inet4Address ? "4:" : "6:") + ip.getHostAddress();
    }
    return "6:" + hex16(b, 0) + ":" + hex16(b, 2) + ":" + hex16(b, 4) + ":" + hex16(b, 6) + "::/64";
  }

  /** The network group of {@code ip}: {@code 4:a.b} (/16), {@code 6:xxxx:xxxx} (/32). */
  String group(InetAddress ip) {
    if (isLocal(ip)) {
      return LOCAL;
    }
    if (ip.isLoopbackAddress()) {
      return "lo:" + ip.getHostAddress();
    }
    byte[] b = ip.getAddress();
    if (ip instanceof Inet4Address) {
      return "4:" + (b[0] & 0xff) + "." + (b[1] & 0xff);
    }
    return "6:" + hex16(b, 0) + ":" + hex16(b, 2);
  }

  private static String hex16(byte[] b, int at) {
    return String.format(Locale.ROOT, "%x", ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff));
  }
}
