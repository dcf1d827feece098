package dev.bitmsg.node.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * Client API settings (PyBitmessage's {@code apiinterface}, {@code apiport}, {@code apiusername},
 * {@code apipassword}, {@code apivariant}). The API refuses a non-loopback interface unless {@code
 * allowRemote} is set: it has no TLS, so credentials and messages would cross the network in the
 * clear. A request with wrong or missing credentials is answered (HTTP 401) only after {@code
 * authFailureDelay}, as PyBitmessage does. Immutable.
 */
public record ApiSettings(
    String host,
    int port,
    String user,
    String password,
    Variant variant,
    boolean allowRemote,
    Duration authFailureDelay) {
  /**
   * PyBitmessage's {@code apivariant}: XML-RPC (its default), JSON-RPC, or {@code legacy}: XML-RPC
   * as PyBitmessage served it before 0.6.3, every result that is not a string or a number sent as a
   * JSON text and every API error as its {@code API Error 00NN: text} string, with the legacy
   * aliases.
   */
  public enum Variant {
    XML,
    JSON,
    LEGACY;

    public static Variant parse(String s) {
      return switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "xml" -> XML;
        case "json" -> JSON;
        case "legacy" -> LEGACY;
        default ->
            throw new IllegalArgumentException(
                "api variant must be xml, json or legacy, got '" + s + "'");
      };
    }

    /** Whether requests and answers are XML-RPC (xml and legacy). */
    public boolean xmlRpc() {
      return this != JSON;
    }
  }

  public static final int DEFAULT_PORT = 8442;

  /** PyBitmessage's pause before it answers a request with wrong or missing credentials. */
  public static final Duration AUTH_FAILURE_DELAY = Duration.ofSeconds(2);

  /** Settings with PyBitmessage's {@link #AUTH_FAILURE_DELAY}. */
  public ApiSettings(
      String host, int port, String user, String password, Variant variant, boolean allowRemote) {
    this(host, port, user, password, variant, allowRemote, AUTH_FAILURE_DELAY);
  }

  public ApiSettings {
    if (authFailureDelay.isNegative()) {
      throw new IllegalArgumentException("api auth failure delay must not be negative");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("api port must be 0..65535, got " + port);
    }
    if (user == null || user.isBlank() || user.contains(":")) {
      throw new IllegalArgumentException("api user must be non-blank without ':'");
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("api password must not be empty");
    }
    checkExposure("the API", host, allowRemote);
  }

  /**
   * Refuses to serve {@code what} on a non-loopback {@code host} unless {@code allowRemote}: the
   * API and the push stream have no TLS, so credentials and messages would cross the network in the
   * clear.
   *
   * @throws IllegalArgumentException naming the address and the option that allows it
   */
  public static void checkExposure(String what, String host, boolean allowRemote) {
    if (!allowRemote && !isLoopback(host)) {
      throw new IllegalArgumentException(
          "refusing to serve "
              + what
              + " on non-loopback address "
              + host
              + " without TLS; pass --api-allow-remote (api.allow-remote) to do it anyway");
    }
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("api interface '" + host + "' does not resolve");
    }
  }

  @Override
  public String toString() {
    return "ApiSettings["
        + host
        + ":"
        + port
        + ", user="
        + user
        + ", "
        + variant
        + (allowRemote ? ", remote" : "")
        + "]";
  }
}
