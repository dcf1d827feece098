package dev.bitmsg.node.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The peer an outbound channel was dialled for. Through a proxy the channel's remote address is the
 * proxy's, so the dialled host (an IP literal, a name or an onion name) is kept on the channel and
 * used for the peer's identity and the version's addr_recv. Stateless.
 */
final class DialTargets {
  private static final AttributeKey<HostPort> TARGET = AttributeKey.valueOf("bitmsg.dialTarget");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private DialTargets() {}

  static void set(Channel ch, HostPort target) {
    ch.attr(TARGET).set(target);
  }

  /** The host and port {@code ch} was dialled for through the proxy; empty for direct ones. */
  static Optional<HostPort> of(Channel ch) {
    return Optional.ofNullable(ch.attr(TARGET).get());
  }

  /** A proxied peer's address: resolved for a literal (no lookup), unresolved for a name. */
  static InetSocketAddress address(HostPort target) {
    return literal(target.host())
        .map(ip -> new InetSocketAddress(ip, target.port()))
        .orElse(target.toUnresolved());
  }

  /** The remote address of {@code ch}: the dialled target through a proxy, else the socket's. */
  static InetSocketAddress remote(Channel ch) {
    return of(ch).map(DialTargets::address).orElse((InetSocketAddress) ch.remoteAddress());
  }

  /** The address of an IP literal, never a DNS lookup; empty for names. */
  static Optional<InetAddress> literal(String host) {
    if (!IPV4.matcher(host).matches() && host.indexOf(':') < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(host)); // a literal: parsed, not looked up
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
