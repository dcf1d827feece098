package dev.bitmsg.pow.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.bitmsg.pow.PowException;
import dev.bitmsg.pow.PowJob;
import dev.bitmsg.pow.SlicedPowEngine;
import dev.bitmsg.pow.service.testing.Hashes;
import dev.bitmsg.pow.testing.LyingScanner;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * pow-cpu logs through {@code System.Logger}; on the service's classpath that reaches logback
 * through SLF4J (slf4j-jdk-platform-logging), with its level, logger name, message and exception.
 */
class SystemLoggerRoutingTest {
  @Test
  void powCpuLogRecord_reachesLogback() throws Exception {
    assertEquals(
        "org.slf4j.jdk.platform.logging.SLF4JSystemLoggerFinder",
        System.LoggerFinder.getLoggerFinder().getClass().getName());
    Logger target = (Logger) LoggerFactory.getLogger(SlicedPowEngine.class);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    target.addAppender(seen);
    try (SlicedPowEngine engine = new SlicedPowEngine("routing", List.of(new LyingScanner()))) {
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () ->
                  engine
                      .submit(new PowJob(Hashes.of("routing"), Hashes.HARD, 0))
                      .result()
                      .get(60, TimeUnit.SECONDS));
      assertInstanceOf(PowException.class, e.getCause());
    } finally {
      target.detachAppender(seen);
    }
    List<ILoggingEvent> events = List.copyOf(seen.list);
    assertEquals(1, events.size(), events.toString());
    ILoggingEvent event = events.get(0);
    assertEquals(Level.ERROR, event.getLevel());
    String message = event.getFormattedMessage();
    assertTrue(
        message.startsWith("scanner returned a wrong nonce engine=routing scanner=liar nonce=0 "),
        message);
  }
}
