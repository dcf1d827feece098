package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.api.ApiClient;
import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.events.NotifySettings;
import dev.bitmsg.node.store.OutboxEntry;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.TestNetwork;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PyBitmessage data directory (written by Python in v0.6's formats) imported with {@code bm
 * import pybitmessage}, then a node on it and a second node: the imported identity receives a msg
 * and acknowledges it, sends one and gets its ack; the notify command hears {@code startingUp} and
 * {@code newMessage}; clients find the imported messages by PyBitmessage's msgids and ack data
 * through the API; the message PyBitmessage had queued and then trashed is never worked on.
 */
@NetworkTest
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PyBitmessageImportIT {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private final List<Node> nodes = new ArrayList<>();

  @TempDir Path tmp;

  @AfterEach
  void close() {
    for (Node n : nodes) {
      n.close();
    }
  }

  private Node start(NodeSetup setup) throws Exception {
    Node n = NodeAssembly.start(setup);
    nodes.add(0, n);
    return n;
  }

  private static boolean hasStatus(Node n, long id, SendStatus s) {
    return n.messenger().status(id).orElseThrow().entry().status() == s;
  }

  private static long countInbox(Node n, String subject) {
    return n.messenger().inbox().stream()
        .filter(e -> n.messenger().content(e).subject().equals(subject))
        .count();
  }

  @Test
  void importedIdentityReceivesAndSends() throws Exception {
    PyBitmessageDir py = PyBitmessageDir.write(tmp.resolve("pybitmessage"), 11);
    Path data = tmp.resolve("imported");
    CommandRunner.Result r =
        CommandRunner.run("import", "pybitmessage", py.dir.toString(), "--data", data.toString());
    assertEquals(0, r.exit(), r.err());

    Path calls = tmp.resolve("calls.log");
    Path script = tmp.resolve("notify.sh");
    Files.writeString(
        script, "#!/bin/sh\necho \"$1\" >> '" + calls + "'\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    NodeSetup setupA =
        TestNetwork.setup(data, 0, List.of())
            .withApi(new ApiSettings("127.0.0.1", 0, "user", "pw", ApiSettings.Variant.XML, false));
    Node a =
        start(
            setupA.withInterfaces(
                setupA.interfaces().withNotify(NotifySettings.of(script.toString()))));
    Node b = start(TestNetwork.setup(tmp.resolve("b"), 0, List.of(TestNetwork.endpoint(a))));
    String bob = b.messenger().text(b.messenger().createRandom("bob"));

    // the imported identity (demanding twice the network's difficulty) receives and acks
    long toAlice = b.messenger().send(bob, py.aliceText, "to the imported", "hi", 3600);
    Await.until(
        LIMIT,
        "ack from the imported identity",
        () -> hasStatus(b, toAlice, SendStatus.ACK_RECEIVED));
    assertEquals(1, countInbox(a, "to the imported"));

    // and sends, with its imported keys, getting the ack back
    long fromAlice = a.messenger().send(py.aliceText, bob, "from the imported", "hello", 3600);
    Await.until(
        LIMIT,
        "ack to the imported identity",
        () -> hasStatus(a, fromAlice, SendStatus.ACK_RECEIVED));
    assertEquals(1, countInbox(b, "from the imported"));

    Await.until(
        LIMIT,
        "notify command runs",
        () -> {
          try {
            return Files.exists(calls)
                && Files.readAllLines(calls, StandardCharsets.UTF_8).contains("newMessage");
          } catch (IOException e) {
            return false;
          }
        });
    List<String> words = Files.readAllLines(calls, StandardCharsets.UTF_8);
    assertEquals("startingUp", words.get(0), words.toString());

    // clients holding PyBitmessage's msgids and ack data still find the messages
    ApiClient api =
        new ApiClient(
            URI.create("http://127.0.0.1:" + a.apiAddress().orElseThrow().getPort() + "/"),
            "user",
            "pw",
            ApiSettings.Variant.XML);
    String readId = py.msgid("inbox-read");
    Map<?, ?> inbox = (Map<?, ?>) Objects.requireNonNull(api.call("getInboxMessageById", readId));
    Map<?, ?> first =
        (Map<?, ?>) ((List<?>) Objects.requireNonNull(inbox.get("inboxMessage"))).get(0);
    assertEquals(readId, first.get("msgid"));
    assertEquals("héllo", ApiClient.unb64(first.get("subject")));
    assertEquals("ackreceived", api.call("getStatus", py.ack("sent-acked")));
    assertEquals("msgsent", api.call("getStatus", py.ack("sent-waiting")));
    Map<?, ?> sent =
        (Map<?, ?>)
            Objects.requireNonNull(api.call("getSentMessageById", py.msgid("sent-waiting")));
    Map<?, ?> row = (Map<?, ?>) ((List<?>) Objects.requireNonNull(sent.get("sentMessage"))).get(0);
    assertEquals(py.ack("sent-waiting"), row.get("ackData"));

    // PyBitmessage had queued this one and then trashed it: it is never worked on here
    OutboxEntry trashed =
        a.messenger().outbox().stream()
            .filter(
                e ->
                    e.msgid()
                        .map(m -> HexFormat.of().formatHex(m.toByteArray()))
                        .orElse("")
                        .equals(py.msgid("sent-trashed-queued")))
            .findFirst()
            .orElseThrow();
    assertEquals(SendStatus.QUEUED, trashed.status());
    assertTrue(trashed.trashed());
    assertTrue(
        a.messenger().history(trashed.id()).stream()
            .noneMatch(c -> c.status() != SendStatus.QUEUED),
        () -> a.messenger().history(trashed.id()).toString());
  }
}
