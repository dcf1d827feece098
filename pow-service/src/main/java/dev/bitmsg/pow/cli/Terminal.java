package dev.bitmsg.pow.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether a user watches: an interactive terminal is attached. Stateless. */
final class Terminal {
  private Terminal() {}

  /**
   * True when {@link System#console()} is a terminal. From JDK 22 on, {@code System.console()} is
   * non-null even with redirected streams, and {@code Console.isTerminal()} (absent from the Java
   * 17 API this code compiles against) tells the difference.
   */
  static boolean attached() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(c);
    } catch (NoSuchMethodException e) {
      return true; // before JDK 22 a console exists only on a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
