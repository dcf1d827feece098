package dev.bitmsg.node.events;

import java.time.Duration;

/**
 * The program a node runs on its events, as PyBitmessage runs its {@code apinotifypath}: {@code
 * command startingUp} once the node is up, {@code command newMessage} for each msg filed in the
 * inbox, {@code command newBroadcast} for each broadcast. Immutable.
 *
 * @param command the executable (no shell: run with the event word as its only argument)
 * @param timeout how long one run may take before it is killed
 * @param queueCapacity how many runs may wait; further events are dropped with a log line
 */
public record NotifySettings(String command, Duration timeout, int queueCapacity) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_QUEUE = 100;

  public NotifySettings {
    if (command.isBlank()) {
      throw new IllegalArgumentException("notify command must not be blank");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("notify timeout must be positive, got " + timeout);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("notify queue must hold at least 1, got " + queueCapacity);
    }
  }

  public static NotifySettings of(String command) {
    return new NotifySettings(command, DEFAULT_TIMEOUT, DEFAULT_QUEUE);
  }
}
