package dev.bitmsg.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.Python;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.pow.Difficulty;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three in-process nodes with the client API in PyBitmessage's legacy variant, driven by Python's
 * {@code xmlrpc.client} as PyBitmessage's bitmessagecli.py drives it ({@code api_lists_check.py}):
 * a blacklisted sender never reaches the inbox (and gets no ack) while another sender's later msg
 * does, whitelist mode, a mailing list re-broadcasting a post to a subscriber with PyBitmessage's
 * subject prefix and body line, cancelling a msg that waits for a pubkey, and createRandomAddress
 * with eighteenByteRipe (fault 23 for a non-boolean) and a demanded difficulty.
 */
@NetworkTest
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SenderListsPythonIT {
  private final List<Node> nodes = new ArrayList<>();

  @TempDir Path dir;

  private Node node(String name, List<HostPort> connect) throws Exception {
    Node n =
        NodeAssembly.start(
            TestNetwork.setup(dir.resolve(name), 0, connect)
                .withApi(
                    new ApiSettings(
                        "127.0.0.1", 0, "user", "secret pw", ApiSettings.Variant.LEGACY, false)));
    nodes.add(0, n);
    return n;
  }

  private static String api(Node n) {
    return "http://127.0.0.1:" + n.apiAddress().orElseThrow().getPort() + "/";
  }

  @AfterEach
  void close() {
    for (Node n : nodes) {
      n.close();
    }
  }

  @Test
  void listsMailingListAndCancelInTheLegacyVariant() throws Exception {
    Node b = node("b", List.of());
    Node a = node("a", List.of(TestNetwork.endpoint(b)));
    Node c = node("c", List.of(TestNetwork.endpoint(b)));
    Path script = dir.resolve("api_lists_check.py");
    try (InputStream in = getClass().getResourceAsStream("api_lists_check.py")) {
      Files.write(script, in.readAllBytes());
    }
    String text = Python.run(script, api(a), api(b), api(c), "user", "secret pw");
    assertTrue(text.strip().endsWith("ok"), text);
    Identity hard =
        a.messenger().identities().stream()
            .filter(i -> i.label().equals("hard"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        new Difficulty(2 * Difficulty.NETWORK_MINIMUM, 3 * Difficulty.NETWORK_MINIMUM / 2),
        hard.difficulty());
  }
}
