package dev.bitmsg.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.messaging.MessagingSettings;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.Python;
import dev.bitmsg.node.testing.TestNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two in-process nodes on loopback, each with its client API on an ephemeral port, driven by
 * Python's own {@code xmlrpc.client} (Debian's {@code /usr/bin/python3}) through every listed
 * method (over XML-RPC, then the same script over the JSON-RPC variant): the script asserts
 * results, fault codes and texts, and a real A->B message with ack, a chan message and a broadcast
 * to a subscriber (PoW eased as in the other network tests).
 */
@org.junit.jupiter.api.Timeout(value = 5, unit = TimeUnit.MINUTES)
@NetworkTest
class ApiPythonIT {
  private final List<AutoCloseable> open = new ArrayList<>();

  @TempDir Path dir;

  private Node node(String name, List<HostPort> connect) throws InterruptedException {
    NodeConfig config =
        new NodeConfig(
            dir.resolve(name),
            Optional.of(new HostPort("127.0.0.1", 0)),
            connect,
            false,
            Optional.empty(),
            Optional.empty(),
            TestNetwork.settings(),
            Duration.ofMinutes(10));
    Node n =
        Node.start(
            config,
            TestNetwork.params(),
            TestNetwork.pow(),
            Clock.systemUTC(),
            MessagingSettings.defaults()
                .withEaseBits(TestNetwork.EASE_BITS)
                .withCheckInterval(Duration.ofMillis(200)),
            Optional.empty());
    open.add(0, n);
    return n;
  }

  private String api(Node n, ApiSettings.Variant variant) throws IOException {
    ApiService s =
        ApiService.start(
            n,
            new ApiSettings("127.0.0.1", 0, "user", "secret pw", variant, false),
            TestNetwork.EASE_BITS,
            "0.1.0");
    open.add(0, s);
    return "http://127.0.0.1:" + s.address().getPort() + "/";
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
    Node a = node("a", List.of());
    Node b = node("b", List.of(TestNetwork.endpoint(a)));
    String out =
        Python.run(
            script("api_check.py"),
            api(a, variant),
            api(b, variant),
            "user",
            "secret pw",
            variant.name().toLowerCase(java.util.Locale.ROOT));
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
            .map(
                e ->
                    new dev.bitmsg.node.content.ContentCodec()
                        .decode(e.encoding(), e.message().toByteArray())
                        .subject())
            .filter(s -> s.equals("hello bob") || s.equals("news 1"))
            .toList(),
        "trashed finished sent rows at A");
    assertEquals(List.of("ok"), b.database().integrityCheck());
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
    Node a = node("a", List.of());
    String out =
        Python.run(
            script("api_json_check.py"), api(a, ApiSettings.Variant.JSON), "user", "secret pw");
    assertTrue(out.contains("json ok"), out);
  }
}
