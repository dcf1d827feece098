package dev.bitmsg.node.store;

/**
 * A peer address the node has learnt (from addr gossip, configuration or an inbound version): host
 * (literal IP text), port, stream, advertised services, when it was last seen (epoch seconds) and a
 * rating that connection failures lower and good sessions raise. Immutable.
 */
public record KnownNode(
    String host, int port, long stream, long services, long lastSeen, double rating) {
  public KnownNode {
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 1 || port > 0xffff) {
      throw new IllegalArgumentException("port out of range 1..65535: " + port);
    }
    if (rating < -1 || rating > 1) {
      throw new IllegalArgumentException("rating out of range -1..1: " + rating);
    }
  }

  /** {@code host:port}, with brackets around IPv6 hosts. */
  public String endpoint() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
