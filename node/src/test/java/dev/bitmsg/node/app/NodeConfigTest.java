package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.PeerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** NodeConfig validation and the {@code node} command's option mapping. */
class NodeConfigTest {
  private static NodeConfig parse(String... args) {
    NodeCommand cmd = new NodeCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd.config();
  }

  @Test
  void defaults_listenOn8444WithBootstrap() {
    NodeConfig c = parse("--data", "/tmp/x");
    assertEquals(Optional.of(new HostPort("0.0.0.0", 8444)), c.listen());
    assertTrue(c.bootstrap());
    assertEquals(8, c.peers().maxOutbound());
  }

  @Test
  void clientOnlyAndConnect() {
    NodeConfig c =
        parse(
            "--data",
            "/tmp/x",
            "--client-only",
            "--connect",
            "127.0.0.1:9000",
            "--connect",
            "[::1]:9001",
            "--no-bootstrap");
    assertTrue(c.clientOnly());
    assertEquals(List.of(new HostPort("127.0.0.1", 9000), new HostPort("::1", 9001)), c.connect());
  }

  @Test
  void listenAndClientOnly_areExclusive() {
    assertThrows(
        CommandLine.ParameterException.class,
        () -> parse("--listen", "127.0.0.1:1", "--client-only"));
  }

  @Test
  void powServiceWithoutToken_isAServiceWithoutTokens() {
    // The token is optional (a service may run without a tokens file) and never required on the
    // command line; a blank one is refused.
    NodeConfig c = parse("--pow-service", "127.0.0.1:9090");
    assertTrue(c.powService().isPresent());
    assertEquals(Optional.empty(), c.powService().get().token());
  }

  @Test
  void badEndpointsAndSettings_areRejectedWithTheKey() {
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("nohost"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("::1:80"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("h:99999"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PeerSettings.defaults().withLimits(-1, 1, 1, 1));
    assertTrue(String.valueOf(e.getMessage()).contains("maxOutbound"));
    IllegalArgumentException dead =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PeerSettings.defaults()
                    .withTimers(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(1)));
    assertTrue(String.valueOf(dead.getMessage()).contains("deadAfter"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new NodeConfig(
                Path.of("/tmp"),
                Optional.empty(),
                List.of(),
                false,
                Optional.empty(),
                PeerSettings.defaults().withLimits(0, 1, 1, 1),
                Duration.ofMinutes(1)));
  }
}
