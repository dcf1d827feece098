package dev.bitmsg.node.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The request checks that come before the session: the {@code Host} a browser names must be one
 * this server answers to (a loopback name or address, or the bound host; any name when the server
 * is exposed behind a proxy), which defeats DNS rebinding; and a form post must come from a page of
 * the same origin ({@code Origin}, else {@code Referer}), which refuses cross-site posts before the
 * CSRF token is even looked at. Stateless.
 */
final class RequestGuard {
  private final String boundHost;
  private final boolean anyHost;

  /**
   * @param boundHost the address the server listens on
   * @param anyHost whether any {@code Host} is accepted (exposed behind a proxy or with TLS)
   */
  RequestGuard(String boundHost, boolean anyHost) {
    this.boundHost = boundHost.toLowerCase(Locale.ROOT);
    this.anyHost = anyHost;
  }

  /** Whether a request naming {@code hostHeader} ({@code name[:port]}) is for this server. */
  boolean hostAllowed(@Nullable String hostHeader) {
    if (hostHeader == null || hostHeader.isBlank()) {
      return false;
    }
    if (anyHost) {
      return true;
    }
    String name = hostName(hostHeader.strip().toLowerCase(Locale.ROOT));
    if (name.equals("localhost") || name.equals(boundHost)) {
      return true;
    }
    if (!name.matches("[0-9.]+|[0-9a-f:]+")) {
      return false; // a literal address only: never resolve a name the browser was given
    }
    try {
      return InetAddress.getByName(name).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Whether a state-changing request came from a page of this server: its {@code Origin} (else its
   * {@code Referer}) names the same host and port as its {@code Host}. A request with neither is
   * refused: every browser this interface supports sends {@code Origin} on a form post.
   */
  static boolean sameOrigin(String hostHeader, @Nullable String origin, @Nullable String referer) {
    String source = origin != null ? origin : referer;
    if (source == null || source.isBlank() || source.equals("null")) {
      return false;
    }
    try {
      URI u = new URI(source.strip());
      String scheme = u.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
        return false;
      }
      String authority = u.getRawAuthority();
      return authority != null
          && authority.toLowerCase(Locale.ROOT).equals(hostHeader.strip().toLowerCase(Locale.ROOT));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The name or address of {@code host[:port]}, without brackets around an IPv6 address. */
  private static String hostName(String hostPort) {
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      return end > 0 ? hostPort.substring(1, end) : hostPort;
    }
    int colon = hostPort.lastIndexOf(':');
    return colon >= 0 && hostPort.indexOf(':') == colon ? hostPort.substring(0, colon) : hostPort;
  }
}
