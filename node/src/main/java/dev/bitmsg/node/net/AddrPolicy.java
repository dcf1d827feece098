package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.HostEncoding;
import dev.bitmsg.node.wire.TimedNetworkAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which gossiped addresses a node keeps (PyBitmessage, PROTOCOL.md 3.4): a stream we serve, a
 * publicly routable IP (loopback, RFC 1918, link-local and ULA are dropped unless the test-only
 * flag allows non-public addresses) or a Tor v2 onion name in the OnionCat range {@code
 * fd87:d87e:eb43::/48} (kept as {@code NAME.onion}, as PyBitmessage's checkIPAddress does; a v3
 * name does not fit the 16-byte field and travels in onionpeer objects instead), seen within the
 * last 3 hours and not in the future, and a non-zero port. Immutable.
 */
final class AddrPolicy {
  /** Addresses older than this are neither kept nor advertised. */
  static final long MAX_AGE_SECONDS = 3 * 3600;

  private final NetworkParams params;
  private final boolean allowNonPublic;

  AddrPolicy(NetworkParams params, boolean allowNonPublic) {
    this.params = params;
    this.allowNonPublic = allowNonPublic;
  }

  /**
   * The host of an acceptable entry (a literal IP or {@code NAME.onion}), or empty when the entry
   * is dropped.
   */
  Optional<String> accept(TimedNetworkAddress a, long nowEpochSeconds) {
    if (!params.servesStream(a.stream())) {
      return Optional.empty();
    }
    long age = nowEpochSeconds - a.time();
    // PyB compares with float time, so a node seen this very second passes there; so here.
    if (a.time() < 0 || age < 0 || age >= MAX_AGE_SECONDS) {
      return Optional.empty();
    }
    if (a.address().port() == 0) {
      return Optional.empty();
    }
    if (HostEncoding.isOnion(a.address().ip())) {
      return OnionName.fromWire(a.address().ip().toByteArray()).map(OnionName::name);
    }
    InetAddress ip;
    try {
      ip = InetAddress.getByAddress(a.address().ip().toByteArray());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return isAcceptableHost(ip) ? Optional.of(ip.getHostAddress()) : Optional.empty();
  }

  boolean isAcceptableHost(InetAddress ip) {
    return allowNonPublic || isPublic(ip);
  }

  static boolean isPublic(InetAddress ip) {
    if (ip.isLoopbackAddress()
        || ip.isAnyLocalAddress()
        || ip.isLinkLocalAddress()
        || ip.isSiteLocalAddress()
        || ip.isMulticastAddress()) {
      return false;
    }
    byte[] b = ip.getAddress();
    if (b.length == 16 && (b[0] & 0xfe) == 0xfc) {
      return false; // IPv6 unique local fc00::/7
    }
    if (b.length == 4 && ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64)) {
      return false; // carrier-grade NAT 100.64.0.0/10
    }
    return !(b.length == 4 && (b[0] & 0xff) == 0);
  }
}
