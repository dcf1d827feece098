package dev.bitmsg.node.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Records what one class logs, DEBUG included, while open (through Logback, the SLF4J binding of
 * the tests), so that a test can wait for an event that leaves no other trace, such as an object
 * the receiver has finished with. Thread-safe.
 */
public final class LogEvents implements AutoCloseable {
  private final Logger logger;
  private final @Nullable Level levelBefore;
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
          events.add(e);
        }
      };

  private LogEvents(Logger logger) {
    this.logger = logger;
    this.levelBefore = logger.getLevel();
    appender.setContext(logger.getLoggerContext());
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
  }

  /** Starts recording the events of {@code source}'s logger. */
  public static LogEvents of(Class<?> source) {
    return new LogEvents((Logger) LoggerFactory.getLogger(source));
  }

  /** How many events so far have {@code argument} among their arguments. */
  public long withArgument(Object argument) {
    return events.stream()
        .filter(
            e ->
                e.getArgumentArray() != null
                    && Arrays.asList(e.getArgumentArray()).contains(argument))
        .count();
  }

  /** Waits until at least {@code count} events have had {@code argument} among their arguments. */
  public void awaitArgument(Duration limit, String what, Object argument, int count) {
    Await.until(
        limit,
        () -> what + " (" + withArgument(argument) + " of " + count + " log events)",
        () -> withArgument(argument) >= count);
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(levelBefore);
    appender.stop();
  }
}
