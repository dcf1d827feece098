package dev.bitmsg.node.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The API's method table: each name or alias with its parameter count range, its handler and the
 * method it stands for (whose help it shares). PyBitmessage serves some aliases only in its legacy
 * variant ({@code legacy:} in its {@code @command} list); {@link #legacyAlias} enters them only
 * when this table serves that variant. Filled once, then read-only; thread-safe after construction.
 */
final class MethodTable {
  @FunctionalInterface
  interface Handler {
    Object handle(Params p) throws InterruptedException;
  }

  /** One entry: {@code name} as called, {@code primary} the method it stands for. Immutable. */
  record Method(String name, String primary, int minParams, int maxParams, Handler handler) {}

  private final boolean legacy;
  private final Map<String, Method> methods = new TreeMap<>();

  MethodTable(boolean legacy) {
    this.legacy = legacy;
  }

  /** Enters a method and the aliases every variant serves. */
  void add(String name, int min, int max, Handler handler, String... aliases) {
    put(new Method(name, name, min, max, handler));
    for (String a : aliases) {
      put(new Method(a, name, min, max, handler));
    }
  }

  /** Enters an alias of {@code name} that PyBitmessage serves in its legacy variant only. */
  void legacyAlias(String alias, String name) {
    if (legacy) {
      Method m = methods.get(name);
      if (m == null) {
        throw new IllegalStateException("legacy alias " + alias + " of unknown method " + name);
      }
      put(new Method(alias, name, m.minParams(), m.maxParams(), m.handler()));
    }
  }

  private void put(Method m) {
    if (methods.putIfAbsent(m.name(), m) != null) {
      throw new IllegalStateException("API method entered twice: " + m.name());
    }
  }

  Optional<Method> get(String name) {
    return Optional.ofNullable(methods.get(name));
  }

  /** Every name and alias, sorted. */
  List<String> names() {
    return List.copyOf(methods.keySet());
  }

  /** The aliases of {@code primary}, sorted. */
  List<String> aliases(String primary) {
    List<String> out = new ArrayList<>();
    for (Method m : methods.values()) {
      if (m.primary().equals(primary) && !m.name().equals(primary)) {
        out.add(m.name());
      }
    }
    return out;
  }
}
