package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitmsg.node.wire.Version;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code node} command advertises NODE_SSL unless {@code --no-tls}. */
class NodeTlsOptionTest {
  private static long services(String... args) {
    NodeCommand cmd = new NodeCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd.params().services();
  }

  @Test
  void nodeSslByDefault() {
    assertEquals(Version.NODE_NETWORK | Version.NODE_SSL, services());
  }

  @Test
  void noTlsDropsNodeSsl() {
    assertEquals(Version.NODE_NETWORK, services("--no-tls"));
  }
}
