package dev.bitmsg.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.ChildJvm;
import dev.bitmsg.node.testing.EasedNodeMain;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.Python;
import dev.bitmsg.node.testing.TestNetwork;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bm node} in a child JVM, connected to an in-process peer over loopback, is stopped by
 * Python's {@code xmlrpc.client} calling the API's {@code shutdown}: the call answers "done", the
 * process exits with status 0 having run the clean stop, the peer sees the connection go, and the
 * child's SQLite file opens cleanly with the address created just before the shutdown and no
 * write-ahead log left behind (the database was closed, not abandoned).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@NetworkTest
class ApiShutdownIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Pattern API_LINE = Pattern.compile("API: (http://127\\.0\\.0\\.1:\\d+/)");

  @TempDir Path tmp;

  @Test
  void shutdownCall_answersDone_thenTheProcessExitsZeroWithItsDatabaseClosed() throws Exception {
    try (Node peer =
        TestNetwork.start(
            tmp.resolve("peer"), 0, List.of(), TestNetwork.settings(), Clock.systemUTC())) {
      Path childDir = tmp.resolve("child");
      Path log = tmp.resolve("child.log");
      Process child =
          new ProcessBuilder(
                  ChildJvm.command(
                      EasedNodeMain.class,
                      "node",
                      "--data",
                      childDir.toString(),
                      "--client-only",
                      "--connect",
                      TestNetwork.endpoint(peer).toString(),
                      "--no-bootstrap",
                      "--accept-local-addrs",
                      "--api",
                      "127.0.0.1:0",
                      "--api-user",
                      "user",
                      "--api-password",
                      "secret pw"))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        AtomicReference<String> url = new AtomicReference<>();
        Await.until(
            LIMIT,
            () -> "the child's API line in\n" + read(log),
            () -> {
              Matcher m = API_LINE.matcher(read(log));
              if (m.find()) {
                url.set(m.group(1));
              }
              return url.get() != null;
            });
        String out =
            Python.run(
                script("api_shutdown.py"), Objects.requireNonNull(url.get()), "user", "secret pw");
        assertTrue(out.contains("shutdown ok BM-"), out);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not exit:\n" + read(log));
        assertEquals(0, child.exitValue(), read(log));
      } finally {
        child.destroyForcibly();
      }
      assertTrue(read(log).contains("node stopped"), "the clean stop ran:\n" + read(log));
      Await.until(LIMIT, "the peer saw the connection close", () -> peer.peers().peers().isEmpty());

      Path db = childDir.resolve("node.db");
      assertFalse(
          Files.exists(Path.of(db + "-wal")), "the WAL was checkpointed and removed on close");
      try (SqliteDatabase d = SqliteDatabase.open(db)) {
        assertEquals(List.of("ok"), d.integrityCheck());
        long identities =
            d.with(
                "count identities",
                c -> {
                  try (ResultSet rs =
                      c.createStatement().executeQuery("SELECT count(*) FROM identities")) {
                    return rs.next() ? rs.getLong(1) : -1L;
                  }
                });
        assertEquals(1L, identities, "the address made just before the shutdown is there");
      }
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private Path script(String name) throws java.io.IOException {
    Path f = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(name)) {
      Files.write(f, in.readAllBytes());
    }
    return f;
  }
}
