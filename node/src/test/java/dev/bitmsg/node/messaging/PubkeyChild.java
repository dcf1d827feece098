package dev.bitmsg.node.messaging;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.TestNetwork;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A node in its own JVM for {@link PubkeyKillTest}: client-only, dialling the given peer, its own
 * proof of work eased by only the given bits (so a pubkey takes seconds); on its first run it
 * creates an identity (whose pubkey it then publishes), on later runs it only resumes. Runs until
 * killed.
 */
public final class PubkeyChild {
  private PubkeyChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    HostPort peer = HostPort.parse(args[1]);
    int easeBits = Integer.parseInt(args[2]);
    NodeConfig config = new NodeConfig(dir, Optional.empty(), List.of(peer), false, Optional.empty(),
        Optional.empty(), TestNetwork.settings(), Duration.ofMinutes(10));
    MessagingSettings settings = MessagingSettings.defaults().withEaseBits(easeBits)
        .withCheckInterval(Duration.ofMillis(200));
    Node node = Node.start(config, TestNetwork.params(), TestNetwork.pow(), Clock.systemUTC(), settings,
        Optional.empty());
    if (node.messenger().identities().isEmpty()) {
      node.messenger().createRandom("killed while publishing");
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
