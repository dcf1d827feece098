package dev.bitmsg.node.testing;

import dev.bitmsg.node.api.ApiCredentials;
import dev.bitmsg.node.api.ApiService;
import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.messaging.MessagingSettings;
import dev.bitmsg.node.net.HostPort;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An in-process node (eased PoW, listening on loopback) with its XML-RPC API on loopback, user
 * {@code cli} password {@code pw}: what the client commands talk to in tests. Closing it closes the
 * API, then the node.
 */
public final class NodeWithApi implements AutoCloseable {
  public final NodeConfig config;
  public final Node node;
  public final ApiService api;

  /** The API's address, as a client command takes it. */
  public final String url;

  private NodeWithApi(NodeConfig config, Node node, ApiService api) {
    this.config = config;
    this.node = node;
    this.api = api;
    this.url = "http://127.0.0.1:" + api.address().getPort() + "/";
  }

  public static NodeWithApi start(Path dir) throws InterruptedException, IOException {
    NodeConfig config =
        new NodeConfig(
            dir,
            Optional.of(new HostPort("127.0.0.1", 0)),
            List.of(),
            false,
            Optional.empty(),
            Optional.empty(),
            TestNetwork.settings(),
            Duration.ofMinutes(10));
    Node node =
        Node.start(
            config,
            TestNetwork.params(),
            TestNetwork.pow(),
            Clock.systemUTC(),
            MessagingSettings.defaults()
                .withEaseBits(TestNetwork.EASE_BITS)
                .withCheckInterval(Duration.ofMillis(200)),
            Optional.empty());
    try {
      ApiService api =
          ApiService.start(
              node,
              new ApiSettings("127.0.0.1", 0, "cli", "pw", ApiSettings.Variant.XML, false),
              TestNetwork.EASE_BITS,
              "0.1.0");
      return new NodeWithApi(config, node, api);
    } catch (IOException | RuntimeException e) {
      node.close();
      throw e;
    }
  }

  /** Writes the API connection into the data directory, where the client commands look first. */
  public Path writeCredentials() {
    return ApiCredentials.write(
        config.dataDir(),
        new ApiCredentials.Connection(url, "cli", Optional.of("pw"), ApiSettings.Variant.XML));
  }

  @Override
  public void close() {
    try {
      api.close();
    } finally {
      node.close();
    }
  }
}
