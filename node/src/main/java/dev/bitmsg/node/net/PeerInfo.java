package dev.bitmsg.node.net;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * An established peer connection as the rest of the node sees it: remote address, direction, the
 * peer's user agent and the TLS cipher suite once the link is encrypted. Immutable.
 */
public record PeerInfo(
    InetSocketAddress remote, boolean inbound, String userAgent, Optional<String> tlsCipherSuite) {

  /** The remote address as {@code host:port}. */
  public String endpoint() {
    return remote.getHostString() + ":" + remote.getPort();
  }
}
