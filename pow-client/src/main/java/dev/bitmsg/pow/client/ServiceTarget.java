package dev.bitmsg.pow.client;

import dev.bitmsg.settings.HostPortSyntax;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * One configured PoW service address: a host (name or IP literal, which may stand for several
 * replicas when a name resolves to several addresses) and a port. Immutable.
 */
public record ServiceTarget(String host, int port) {
  public ServiceTarget {
    if (host.isBlank()) {
      throw new IllegalArgumentException("PoW service host must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "PoW service port must be 1..65535, got " + port + " for " + host);
    }
  }

  /**
   * Parses {@code host:port} or {@code [v6]:port}.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static ServiceTarget parse(String spec) {
    String problem = HostPortSyntax.problem(spec.strip());
    if (!problem.isEmpty()) {
      throw new IllegalArgumentException(problem);
    }
    String s = spec.strip();
    int colon = s.lastIndexOf(':');
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new ServiceTarget(host, Integer.parseInt(s.substring(colon + 1)));
  }

  /** {@code host:port}, with brackets around an IPv6 literal. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * Whether the host is a loopback address written as such ({@code 127.x.y.z}, {@code ::1}) or
   * {@code localhost}: never a name that would need a lookup.
   */
  public boolean isLoopback() {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    if (!isIpLiteral()) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Whether the host is an IPv4 or IPv6 literal rather than a name. */
  public boolean isIpLiteral() {
    return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }
}
