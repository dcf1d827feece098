package dev.bitmsg.settings;

/**
 * Checks the {@code HOST:PORT} form of address settings before a program uses them: {@code
 * host:port}, {@code [v6]:port} or {@code :port}, a port of 0..65535. Stateless.
 */
public final class HostPortSyntax {
  private HostPortSyntax() {}

  /** Whether {@code spec} has the form; {@link #problem} says why not. */
  public static boolean valid(String spec) {
    return problem(spec).isEmpty();
  }

  /** Why {@code spec} is not {@code HOST:PORT} with a port of 0..65535, or "" when it is. */
  public static String problem(String spec) {
    int colon = spec.lastIndexOf(':');
    if (colon < 0) {
      return "expected HOST:PORT, got '" + spec + "'";
    }
    String host = spec.substring(0, colon);
    if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) {
      return "expected HOST:PORT (an IPv6 host in brackets: [::1]:8444), got '" + spec + "'";
    }
    if (host.chars().anyMatch(Character::isWhitespace)) {
      return "expected HOST:PORT without blanks, got '" + spec + "'";
    }
    String port = spec.substring(colon + 1);
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return "expected HOST:PORT with a port of 0..65535, got '" + spec + "'";
    }
    if (Integer.parseInt(port) > 65535) {
      return "port " + port + " is above 65535 in '" + spec + "'";
    }
    return "";
  }
}
