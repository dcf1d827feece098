package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.bitmsg.node.api.ApiClient;
import dev.bitmsg.node.api.ApiError;
import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.store.InventoryItem;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.store.sqlite.SqliteInventory;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.EasedNodeMain;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.ObjectMessage;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Storage faults end to end. A truncated {@code node.db}: {@code bm node} (child JVM) exits with
 * status 2 and one line naming the file and the way to recover, no stack trace, the file untouched.
 * A full disk (SQLite's {@code max_page_count} set to the database's size): the node stays up and
 * connected, refuses new work with an API fault, a log line and the storage metrics, keeps every
 * committed row, and when space returns takes new work again (an API send is filed in its own
 * inbox, an object from its peer is stored).
 */
@NetworkTest
class StorageFaultIT {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final long NOW = System.currentTimeMillis() / 1000;

  @TempDir Path tmp;

  @Test
  void truncatedDatabase_oneLineExit2_fileUntouched() throws Exception {
    Path data = tmp.resolve("t");
    Path db = data.resolve("node.db");
    Files.createDirectories(data);
    try (SqliteDatabase d = SqliteDatabase.open(db);
        SqliteInventory inv = new SqliteInventory(d, false)) {
      ObjectMaker maker = TestNetwork.maker(5);
      List<InventoryItem> items = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        items.add(InventoryItem.of(maker.make(NOW, 3600 + i, 1000)));
      }
      inv.addAll(items);
    }
    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    byte[] before = Files.readAllBytes(db);

    Path log = tmp.resolve("t.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path"),
                EasedNodeMain.class.getName(),
                "node",
                "--data",
                data.toString(),
                "--client-only",
                "--no-bootstrap")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "the node gives up by itself");
    String out = Files.readString(log);
    System.out.println("truncated node.db, bm node said: " + out.strip());
    assertEquals(2, p.exitValue(), out);
    List<String> lines = out.lines().filter(l -> l.startsWith("bm node: ")).toList();
    assertEquals(1, lines.size(), out);
    assertTrue(lines.get(0).contains(db.toString()) && lines.get(0).contains("damaged"), out);
    assertTrue(lines.get(0).contains("restore it from a backup"), out);
    assertFalse(out.contains("\tat ") || out.contains("Exception"), "no stack trace:\n" + out);
    assertArrayEquals(before, Files.readAllBytes(db), "left as it was");
  }

  @Test
  void fullDisk_nodeStaysUpRefusesNewWorkLosesNothingAndResumes() throws Exception {
    AtomicReference<SqliteDatabase> database = new AtomicReference<>();
    ApiSettings api = new ApiSettings("127.0.0.1", 0, "u", "pw", ApiSettings.Variant.XML, false);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger dbLog = (Logger) LoggerFactory.getLogger(SqliteDatabase.class);
    logged.start();
    dbLog.addAppender(logged);
    try (Node a =
            NodeAssembly.start(
                TestNetwork.setup(tmp.resolve("a"), 0, List.of())
                    .withApi(api)
                    .withMetrics(new HostPort("127.0.0.1", 0))
                    .withDatabaseOpened(database::set));
        Node b =
            TestNetwork.start(
                tmp.resolve("b"),
                TestNetwork.CLIENT_ONLY,
                List.of(TestNetwork.endpoint(a)),
                TestNetwork.settings(),
                Clock.systemUTC())) {
      SqliteDatabase db = Objects.requireNonNull(database.get(), "the node opened its database");
      ApiClient client =
          new ApiClient(
              URI.create("http://127.0.0.1:" + a.apiAddress().orElseThrow().getPort() + "/"),
              "u",
              "pw",
              ApiSettings.Variant.XML);
      String metrics = "http://127.0.0.1:" + a.metricsPort().orElseThrow() + "/metrics";
      Await.until(LIMIT, "B connected to A", () -> a.peers().peers().size() == 1);
      String me = client.callText("createRandomAddress", ApiClient.b64("me"));
      Await.until(
          LIMIT,
          "A's new pubkey published and at B",
          () -> a.inventory().count() == 1 && b.inventory().count() == 1);
      long objects = a.inventory().count();
      long sent = a.messenger().outbox().size();
      long inbox = a.messenger().inbox().size();

      db.maxPageCount(Long.parseLong(db.pragma("page_count")));
      String body = "x".repeat(100_000); // needs new pages whatever free space is left
      ApiError refused =
          assertThrows(
              ApiError.class,
              () ->
                  client.call(
                      "sendMessage", me, me, ApiClient.b64("full"), ApiClient.b64(body), 2L));
      System.out.println("full disk, API fault: " + refused.getMessage());
      assertTrue(
          String.valueOf(refused.getMessage()).contains("storage full"), refused.getMessage());
      assertTrue(scrape(metrics).contains("bitmsg_node_storage_full 1.0"), scrape(metrics));
      assertTrue(
          logged.list.stream()
              .anyMatch(e -> e.getFormattedMessage().startsWith("storage full, new work refused")),
          "one log line says so");

      ObjectMessage big = TestNetwork.maker(8).make(NOW, 3600, 60_000);
      long refusals = db.fullErrors();
      b.peers().submit(big);
      Await.until(
          LIMIT, "A refused B's object for lack of space", () -> db.fullErrors() > refusals);
      assertFalse(a.inventory().contains(big.inventoryVector()));
      assertEquals(1, a.peers().peers().size(), "the peer was not blamed");
      assertEquals("hello-world", client.callText("helloWorld", "hello", "world"), "API up");
      assertEquals(objects, a.inventory().count(), "nothing committed was lost");
      assertEquals(sent, a.messenger().outbox().size());
      assertEquals(inbox, a.messenger().inbox().size());
      assertEquals(List.of("ok"), db.integrityCheck());

      db.maxPageCount(1_000_000); // space returns
      client.call(
          "sendMessage", me, me, ApiClient.b64("space again"), ApiClient.b64(body), 2L, 3600L);
      Await.until(
          LIMIT,
          () -> "the message filed in A's own inbox, has " + a.messenger().inbox().size(),
          () -> a.messenger().inbox().size() == inbox + 1);
      ObjectMessage later = TestNetwork.maker(9).make(NOW, 3600, 500);
      b.peers().submit(later);
      Await.until(
          LIMIT,
          "A stores new objects again",
          () -> a.inventory().contains(later.inventoryVector()));
      assertTrue(scrape(metrics).contains("bitmsg_node_storage_full 0.0"), scrape(metrics));
    } finally {
      dbLog.detachAppender(logged);
    }
  }

  private static String scrape(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
