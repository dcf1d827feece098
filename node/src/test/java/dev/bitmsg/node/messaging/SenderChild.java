package dev.bitmsg.node.messaging;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.testing.TestNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A sending node in its own JVM for {@link SenderKillIT}: client-only, dialling the given peer, its
 * proof of work done by the given PoW service; on its first run it creates an identity and queues
 * one message to the given address, on later runs it only resumes. Runs until killed. Arguments:
 * DATA_DIR PEER TO_ADDRESS POW_SERVICE TOKEN.
 */
public final class SenderChild {
  private SenderChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    HostPort peer = HostPort.parse(args[1]);
    String to = args[2];
    NodeConfig config =
        new NodeConfig(
            dir,
            Optional.empty(),
            List.of(peer),
            false,
            Optional.of(new NodeConfig.PowService(HostPort.parse(args[3]), args[4])),
            TestNetwork.settings(),
            Duration.ofMinutes(10));
    MessagingSettings settings = TestNetwork.messaging();
    Node node = NodeAssembly.start(TestNetwork.setup(config).withMessaging(settings));
    Messenger m = node.messenger();
    if (m.identities().isEmpty()) {
      String from = m.text(m.createRandom("sender"));
      m.send(from, to, "survives kill", "exactly once", 3600);
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
