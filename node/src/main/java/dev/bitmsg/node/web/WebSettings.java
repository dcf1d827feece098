package dev.bitmsg.node.web;

import dev.bitmsg.node.api.ApiSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings of the web interface: where it listens, the credentials of its login (the API's user and
 * password) and its TLS key store. It refuses a non-loopback address unless it serves TLS itself or
 * {@code allowRemote} says a TLS proxy stands in front, as the API does. Immutable.
 *
 * @param tls a PKCS#12 key store with the server's key and certificate chain; empty: plain HTTP
 */
public record WebSettings(
    String host, int port, String user, String password, boolean allowRemote, Optional<Tls> tls) {

  /**
   * The server's TLS key: a PKCS#12 file and its password. Immutable; {@link #toString()} hides the
   * password.
   */
  public record Tls(Path keyStore, String password) {
    @Override
    public String toString() {
      return "Tls[" + keyStore + "]";
    }
  }

  public WebSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("web port must be 0..65535, got " + port);
    }
    if (user.isBlank()) {
      throw new IllegalArgumentException("web user must not be blank");
    }
    if (password.isEmpty()) {
      throw new IllegalArgumentException("web password must not be empty");
    }
    if (tls.isEmpty()) {
      ApiSettings.checkExposure("the web interface", host, allowRemote);
    }
  }

  /** Plain HTTP with the credentials of {@code api}. */
  public static WebSettings of(String host, int port, ApiSettings api) {
    return new WebSettings(
        host, port, api.user(), api.password(), api.allowRemote(), Optional.empty());
  }

  public boolean secure() {
    return tls.isPresent();
  }

  @Override
  public String toString() {
    return "WebSettings[" + host + ":" + port + ", user=" + user + (secure() ? ", tls" : "") + "]";
  }
}
