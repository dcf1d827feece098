package dev.bitmsg.node.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.wire.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notify command run by a real shell script that records its argument: PyBitmessage's words for
 * start, msgs and broadcasts; a hanging run killed at the timeout (with its child) while the next
 * still runs; a full queue dropping events instead of blocking the caller.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NotifyHookIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  /** A script appending its argument to calls.log; it waits for the file "go" on {@code hold}. */
  private Path script(String hold) throws IOException {
    Path s = dir.resolve("notify.sh");
    Files.writeString(
        s,
        "#!/bin/sh\n"
            + "echo \"$1\" >> '"
            + dir.resolve("calls.log")
            + "'\n"
            + "if [ \"$1\" = '"
            + hold
            + "' ]; then\n"
            + "  sleep 300 &\n"
            + "  echo $! > '"
            + dir.resolve("child.pid")
            + "'\n"
            + "  while [ ! -e '"
            + dir.resolve("go")
            + "' ]; do sleep 0.05; done\n"
            + "fi\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
    return s;
  }

  private List<String> calls() throws IOException {
    Path log = dir.resolve("calls.log");
    return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
  }

  private static InboxEntry entry(OutboxEntry.Kind kind) {
    return new InboxEntry(
        1,
        kind,
        kind == OutboxEntry.Kind.MSG ? Optional.of("BM-to") : Optional.empty(),
        "BM-from",
        2,
        Bytes.of(new byte[] {1}),
        0,
        Bytes.of(new byte[32]));
  }

  @Test
  void pyBitmessageWordsInOrder() throws Exception {
    try (NotifyHook hook = new NotifyHook(NotifySettings.of(script("none").toString()))) {
      hook.startingUp();
      hook.inboxAdded(entry(OutboxEntry.Kind.MSG));
      hook.inboxAdded(entry(OutboxEntry.Kind.BROADCAST));
      Await.until(LIMIT, "three runs", () -> sizeOf() == 3);
      assertEquals(List.of("startingUp", "newMessage", "newBroadcast"), calls());
    }
  }

  @Test
  void hangingRunIsKilledAndTheNextRuns() throws Exception {
    NotifySettings s =
        new NotifySettings(script("startingUp").toString(), Duration.ofSeconds(1), 10);
    try (NotifyHook hook = new NotifyHook(s)) {
      hook.startingUp();
      hook.inboxAdded(entry(OutboxEntry.Kind.MSG));
      Await.until(LIMIT, "the run after the killed one", () -> sizeOf() == 2);
      assertEquals(List.of("startingUp", "newMessage"), calls());
      long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).strip());
      Await.until(
          LIMIT,
          "the hanging run's child killed",
          () -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }
  }

  @Test
  void fullQueueDropsWithoutBlocking() throws Exception {
    NotifySettings s =
        new NotifySettings(script("startingUp").toString(), Duration.ofMinutes(5), 2);
    try (NotifyHook hook = new NotifyHook(s)) {
      hook.startingUp();
      Await.until(LIMIT, "the first run holds the runner", () -> sizeOf() == 1);
      for (int i = 0; i < 10; i++) {
        hook.inboxAdded(entry(OutboxEntry.Kind.MSG)); // returns at once even when dropped
      }
      Files.createFile(dir.resolve("go"));
      Await.until(LIMIT, "the two queued runs", () -> sizeOf() == 3);
      Thread.sleep(500); // nothing else was queued: no further line may come
      assertEquals(List.of("startingUp", "newMessage", "newMessage"), calls());
    }
  }

  @Test
  void missingProgramIsLoggedNotThrown() throws Exception {
    try (NotifyHook hook = new NotifyHook(NotifySettings.of(dir.resolve("absent").toString()))) {
      hook.startingUp();
      hook.inboxAdded(entry(OutboxEntry.Kind.MSG));
    }
    assertTrue(calls().isEmpty());
  }

  private int sizeOf() {
    try {
      return calls().size();
    } catch (IOException e) {
      return -1;
    }
  }
}
