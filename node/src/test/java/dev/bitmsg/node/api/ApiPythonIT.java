package dev.bitmsg.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.content.ContentCodec;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.store.sqlite.SqliteDatabase;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.Python;
import dev.bitmsg.node.testing.TestNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two in-process nodes on loopback, each with its client API on an ephemeral port, driven by
 * Python's own {@code xmlrpc.client} (Debian's {@code /usr/bin/python3}) through every listed
 * method (over XML-RPC, then the same script over the JSON-RPC variant): the script asserts
 * results, fault codes and texts, and a real A->B message with ack, a chan message and a broadcast
 * to a subscriber (PoW eased as in the other network tests).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@NetworkTest
class ApiPythonIT {
  private final List<AutoCloseable> open = new ArrayList<>();

  @TempDir Path dir;

  private Node node(String name, List<HostPort> connect, ApiSettings.Variant variant)
      throws IOException, InterruptedException {
    Node n =
        NodeAssembly.start(
            TestNetwork.setup(dir.resolve(name), 0, connect)
                .withApi(new ApiSettings("127.0.0.1", 0, "user", "secret pw", variant, false)));
    open.add(0, n);
    return n;
  }

  private static String api(Node n) {
    return "http://127.0.0.1:" + n.apiAddress().orElseThrow().getPort() + "/";
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private Path script(String name) throws IOException {
    Path f = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(name)) {
      Files.write(f, in.readAllBytes());
    }
    return f;
  }

  @Test
  void everyMethodThroughPythonXmlRpc() throws Exception {
    everyMethod(ApiSettings.Variant.XML);
  }

  @Test
  void everyMethodThroughJsonRpc() throws Exception {
    everyMethod(ApiSettings.Variant.JSON);
  }

  private void everyMethod(ApiSettings.Variant variant) throws Exception {
    Node a = node("a", List.of(), variant);
    Node b = node("b", List.of(TestNetwork.endpoint(a)), variant);
    String out =
        Python.run(
            script("api_check.py"),
            api(a),
            api(b),
            "user",
            "secret pw",
            variant.name().toLowerCase(Locale.ROOT));
    for (String m :
        List.of(
            "helloWorld",
            "add",
            "statusBar",
            "listAddresses",
            "createRandomAddress",
            "createDeterministicAddresses",
            "getDeterministicAddress",
            "createChan",
            "joinChan",
            "leaveChan",
            "deleteAddress",
            "getAllInboxMessages",
            "getAllInboxMessageIds",
            "getInboxMessageById",
            "getInboxMessagesByReceiver",
            "getAllSentMessages",
            "getAllSentMessageIds",
            "getSentMessageById",
            "getSentMessageByAckData",
            "getSentMessagesBySender",
            "getStatus",
            "sendMessage",
            "sendBroadcast",
            "trashMessage",
            "trashSentMessage",
            "addSubscription",
            "deleteSubscription",
            "listSubscriptions",
            "addAddressBookEntry",
            "listAddressBookEntries",
            "deleteAddressBookEntry",
            "clientStatus",
            "disseminatePreEncryptedMsg",
            "getMessageDataByDestinationHash",
            "decodeAddress",
            "system.listMethods",
            "enableAddress",
            "listConnections",
            "deleteAndVacuum",
            "shutdown")) {
      assertTrue(
          out.contains(" " + m + " ") || out.strip().endsWith(" " + m),
          m + " not covered:\n" + out);
    }
    // deleteAndVacuum removed the trashed rows from the node's own stores, not just from view.
    assertEquals(List.of(), subjects(b, "hello bob", "news 1"), "trashed inbox rows at B");
    assertEquals(List.of("to the chan"), subjects(a, "to the chan"), "untrashed inbox row at A");
    assertEquals(
        List.of(),
        a.messenger().outbox().stream()
            .map(e -> new ContentCodec().decode(e.encoding(), e.message().toByteArray()).subject())
            .filter(s -> s.equals("hello bob") || s.equals("news 1"))
            .toList(),
        "trashed finished sent rows at A");
    // A second connection to B's running database (WAL allows it) checks the file.
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("b").resolve("node.db"))) {
      assertEquals(List.of("ok"), db.integrityCheck());
    }
  }

  private static List<String> subjects(Node n, String... wanted) {
    List<String> w = List.of(wanted);
    return n.messenger().inbox().stream()
        .map(e -> n.messenger().content(e).subject())
        .filter(w::contains)
        .toList();
  }

  @Test
  void jsonVariantThroughPython() throws Exception {
    Node a = node("a", List.of(), ApiSettings.Variant.JSON);
    String out = Python.run(script("api_json_check.py"), api(a), "user", "secret pw");
    assertTrue(out.contains("json ok"), out);
  }
}
