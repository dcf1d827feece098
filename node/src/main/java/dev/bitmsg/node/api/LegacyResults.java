package dev.bitmsg.node.api;

import dev.bitmsg.node.rpc.Json;

/**
 * How results travel in PyBitmessage's legacy API variant ({@code apivariant = legacy}, the API of
 * PyBitmessage before 0.6.3 that its own command-line client still expects): a result that is a
 * string or a number (booleans included, Python's bools being ints) goes as it is, anything else as
 * the text {@code json.dumps(result, indent=4)} gives (four-space indents, non-ASCII escaped), a
 * lookup that found nothing as {@code "null"}. The introspection methods ({@code system.*}) are not
 * wrapped, as in PyBitmessage, where they bypass its command wrapper. Stateless.
 */
final class LegacyResults {
  private LegacyResults() {}

  /** Whether {@code method}'s results and errors are shaped (everything but {@code system.*}). */
  static boolean wrapped(String method) {
    return !method.startsWith("system.");
  }

  /** The legacy form of {@code method}'s {@code result}. */
  static Object shape(String method, Object result) {
    if (!wrapped(method)) {
      return plain(result);
    }
    if (result instanceof Absent) {
      return Json.writeIndented(null);
    }
    if (result instanceof String || result instanceof Long || result instanceof Boolean) {
      return result;
    }
    return Json.writeIndented(result);
  }

  /** The result in the XML-RPC and JSON-RPC variants: an {@link Absent} as its empty form. */
  static Object plain(Object result) {
    return result instanceof Absent a ? a.otherwise() : result;
  }
}
