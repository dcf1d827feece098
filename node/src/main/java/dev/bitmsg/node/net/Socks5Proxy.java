package dev.bitmsg.node.net;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The SOCKS5 proxy every outbound connection goes through ({@code --socks5}), e.g. Tor's SocksPort.
 * Host names and onion names are handed to the proxy unresolved, never looked up here.
 *
 * <p>Stream isolation: without given credentials each peer gets its own user name and password
 * ({@link #credentialsFor}), so Tor, which isolates streams by SOCKS credentials by default
 * (IsolateSOCKSAuth), puts each peer on its own circuit. Given credentials (a proxy that checks
 * them) are sent as they are, for every peer. Immutable; never shows the password.
 *
 * @param address where the proxy listens
 * @param username user name for username/password authentication (RFC 1929)
 * @param password its password; present exactly when the user name is
 */
public record Socks5Proxy(HostPort address, Optional<String> username, Optional<String> password) {
  /**
   * Per-process salt of the isolation credentials: a peer's circuit is not linkable across runs.
   */
  private static final String SESSION =
      HexFormat.of().formatHex(new SecureRandom().generateSeed(8));

  /** User name and password as sent to the proxy. */
  public record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[" + username + "]";
    }
  }

  public Socks5Proxy {
    if (address.port() == 0) {
      throw new IllegalArgumentException("socks5: port must be 1..65535 in " + address);
    }
    if (username.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("socks5: give both a user name and a password, or none");
    }
    if (username.isPresent() && (username.get().isEmpty() || username.get().length() > 255)) {
      throw new IllegalArgumentException("socks5: the user name must have 1..255 characters");
    }
    if (password.isPresent() && (password.get().isEmpty() || password.get().length() > 255)) {
      throw new IllegalArgumentException("socks5: the password must have 1..255 characters");
    }
  }

  /** A proxy without authentication: each peer gets isolation credentials. */
  public static Socks5Proxy at(HostPort address) {
    return new Socks5Proxy(address, Optional.empty(), Optional.empty());
  }

  /** The credentials of a connection to {@code target}: the given ones, else distinct per peer. */
  public Credentials credentialsFor(HostPort target) {
    if (username.isPresent()) {
      return new Credentials(username.get(), password.orElseThrow());
    }
    return new Credentials("bitmsg-" + SESSION, target.toString());
  }

  @Override
  public String toString() {
    return "Socks5Proxy["
        + address
        + (username.isPresent() ? ", user " + username.get() : "")
        + "]";
  }
}
