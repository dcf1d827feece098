package dev.bitmsg.node.net;

import java.net.InetAddress;

/**
 * Who a peer is for misbehaviour scores and bans: its host (see {@link NetGroups#host}) and the
 * port it listens on, which for an inbound peer is the port its version message advertises. Several
 * nodes behind one address (home or carrier-grade NAT) listen on different ports, so a ban of one
 * does not hit the others. A peer that lies about its port can shed its identity by reconnecting;
 * the per-address limits and eviction, not bans, keep such a peer from taking over. Immutable.
 */
public record PeerId(String host, int port) {
  /** The identity of a peer at {@code ip} listening on {@code port}. */
  static PeerId of(NetGroups groups, InetAddress ip, int port) {
    return new PeerId(groups.host(ip), port);
  }

  /**
   * The identity of a peer at {@code ip} listening on {@code port} as a node whose loopback peers
   * are remote hosts would name it (tests and tools looking up bans).
   */
  public static PeerId of(InetAddress ip, int port) {
    return of(new NetGroups(false), ip, port);
  }

  @Override
  public String toString() {
    return host + " port " + port;
  }
}
