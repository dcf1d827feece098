package dev.bitmsg.node.testing;

import dev.bitmsg.node.api.ApiCredentials;
import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.app.NodeSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An in-process node (eased PoW, listening on loopback) with its XML-RPC API on loopback, user
 * {@code cli} password {@code pw}: what the client commands talk to in tests. Closing it closes the
 * node with its API.
 */
public final class NodeWithApi implements AutoCloseable {
  public final NodeConfig config;
  public final Node node;

  /** The API's address, as a client command takes it. */
  public final String url;

  private NodeWithApi(NodeConfig config, Node node) {
    this.config = config;
    this.node = node;
    this.url = "http://127.0.0.1:" + node.apiAddress().orElseThrow().getPort() + "/";
  }

  public static NodeWithApi start(Path dir) throws InterruptedException, IOException {
    NodeSetup setup =
        TestNetwork.setup(dir, 0, List.of())
            .withApi(new ApiSettings("127.0.0.1", 0, "cli", "pw", ApiSettings.Variant.XML, false));
    return new NodeWithApi(setup.config(), NodeAssembly.start(setup));
  }

  /** Writes the API connection into the data directory, where the client commands look first. */
  public Path writeCredentials() {
    return ApiCredentials.write(
        config.dataDir(),
        new ApiCredentials.Connection(url, "cli", Optional.of("pw"), ApiSettings.Variant.XML));
  }

  @Override
  public void close() {
    node.close();
  }
}
