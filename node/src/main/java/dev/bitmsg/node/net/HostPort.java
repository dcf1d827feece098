package dev.bitmsg.node.net;

import java.net.InetSocketAddress;

/**
 * A host (name or literal IP) and a TCP port, as given on the command line ({@code HOST:PORT},
 * {@code [IPv6]:PORT}). Immutable.
 */
public record HostPort(String host, int port) {
  public HostPort {
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("port out of range 0..65535: " + port);
    }
  }

  /**
   * Parses {@code HOST:PORT} or {@code [IPv6]:PORT}.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static HostPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw new IllegalArgumentException("IPv6 hosts need brackets: '" + text + "'");
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in '" + text + "'", e);
    }
    return new HostPort(host, port);
  }

  /** An unresolved socket address (resolution happens when dialling, off the caller's thread). */
  public InetSocketAddress toUnresolved() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
