package dev.bitmsg.node.events;

import dev.bitmsg.node.messaging.MessagingListener;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the notify command ({@link NotifySettings}) with PyBitmessage's {@code apinotifypath}
 * arguments: {@code startingUp}, {@code newMessage}, {@code newBroadcast}. Never blocks the node:
 * events are queued (bounded; when full the event is dropped with a log line) and run one at a time
 * on the hook's own thread; a run that outlives the timeout is killed with its child processes. The
 * program's output is discarded, its failure logged. Thread-safe.
 */
public final class NotifyHook implements MessagingListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NotifyHook.class);

  static final String STARTING_UP = "startingUp";
  static final String NEW_MESSAGE = "newMessage";
  static final String NEW_BROADCAST = "newBroadcast";

  private final NotifySettings settings;
  private final ThreadPoolExecutor runner;

  public NotifyHook(NotifySettings settings) {
    this.settings = settings;
    this.runner =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(settings.queueCapacity()),
            r -> {
              Thread t = new Thread(r, "bitmsg-notify");
              t.setDaemon(true);
              return t;
            });
  }

  /** The node is up: PyBitmessage's {@code startingUp}. */
  public void startingUp() {
    submit(STARTING_UP);
  }

  @Override
  public void inboxAdded(InboxEntry entry) {
    submit(entry.kind() == OutboxEntry.Kind.BROADCAST ? NEW_BROADCAST : NEW_MESSAGE);
  }

  private void submit(String event) {
    try {
      runner.execute(() -> run(event));
    } catch (RejectedExecutionException e) {
      log.warn(
          "notify event dropped event={} reason={}",
          event,
          runner.isShutdown() ? "closing" : "queue full");
    }
  }

  private void run(String event) {
    Process p;
    try {
      p =
          new ProcessBuilder(List.of(settings.command(), event))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      log.warn(
          "notify command not started event={} command={} cause={}",
          event,
          settings.command(),
          e.getMessage());
      return;
    }
    try {
      p.getOutputStream().close(); // nothing on its standard input
    } catch (IOException e) {
      log.debug("notify command input not closed event={} cause={}", event, e.getMessage());
    }
    try {
      if (!p.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p);
        log.warn(
            "notify command killed event={} command={} timeout={}",
            event,
            settings.command(),
            settings.timeout());
        return;
      }
      if (p.exitValue() != 0) {
        log.info(
            "notify command failed event={} command={} exit={}",
            event,
            settings.command(),
            p.exitValue());
      } else {
        log.debug("notify command done event={}", event);
      }
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  /** Drops waiting events and kills a run in progress. */
  @Override
  public void close() {
    runner.shutdownNow();
    try {
      if (!runner.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("notify runner still busy at close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
