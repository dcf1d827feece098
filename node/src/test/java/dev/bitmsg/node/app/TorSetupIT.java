package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.PrivacySettings;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.Openssl;
import dev.bitmsg.node.testing.TestNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Tor setup of docs/node.md with the distribution's Tor daemon: the torrc lines there (plus
 * {@code DisableNetwork 1}, so Tor never dials out; there is no Tor network here) pass {@code tor
 * --verify-config}, Tor started with them creates the onion service and writes its hostname, and
 * {@code bm node} with the documented flags and that hostname starts: it listens on loopback only,
 * dials through Tor's SocksPort, and advertises its onion name (its own onionpeer object is stored,
 * which makes the name a known node).
 */
@NetworkTest
class TorSetupIT {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  @TempDir Path tmp;

  private static String run(Duration limit, String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
    return out;
  }

  @Test
  void documentedTorrcAndFlags_areAccepted_nodeAdvertisesItsOnion() throws Exception {
    int socksPort = Openssl.freePort();
    int nodePort = Openssl.freePort();
    Path hs = Files.createDirectory(tmp.resolve("hs"));
    Files.setPosixFilePermissions(hs, PosixFilePermissions.fromString("rwx------"));
    Path torrc = tmp.resolve("torrc");
    Files.writeString(
        torrc,
        String.join(
            "\n",
            "DataDirectory " + tmp.resolve("tor-data"),
            "SocksPort 127.0.0.1:" + socksPort,
            "HiddenServiceDir " + hs,
            "HiddenServicePort 8444 127.0.0.1:" + nodePort,
            "DisableNetwork 1",
            "Log notice stdout",
            ""));
    assertTrue(
        run(LIMIT, "tor", "--verify-config", "-f", torrc.toString())
            .contains("Configuration was valid"));

    Process tor =
        new ProcessBuilder("tor", "-f", torrc.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("tor.log").toFile())
            .start();
    try {
      Path hostnameFile = hs.resolve("hostname");
      Await.until(LIMIT, "Tor writes the onion hostname", () -> Files.exists(hostnameFile));
      Await.until(LIMIT, "hostname complete", () -> readQuietly(hostnameFile).endsWith(".onion"));
      String onion = readQuietly(hostnameFile);

      NodeCommand cmd = new NodeCommand();
      new CommandLine(cmd)
          .parseArgs(
              "--data",
              tmp.resolve("node").toString(),
              "--socks5",
              "127.0.0.1:" + socksPort,
              "--onion-host",
              onion,
              "--onion-only",
              "--listen",
              "127.0.0.1:" + nodePort,
              "--no-bootstrap");
      NodeConfig config = cmd.config();
      PrivacySettings p = config.privacy();
      assertEquals(new HostPort("127.0.0.1", socksPort), p.socks5().orElseThrow().address());
      assertEquals(onion, p.onionHost().orElseThrow().name());
      assertEquals(8444, p.onionPort());
      assertTrue(p.onionOnly() && p.dandelion().enabled());

      try (Node node = NodeAssembly.start(TestNetwork.setup(config))) {
        assertEquals(nodePort, node.listenAddress().orElseThrow().getPort());
        assertTrue(node.listenAddress().get().getAddress().isLoopbackAddress());
        Await.until(
            LIMIT,
            "our onionpeer object stored, the name known",
            () ->
                node.knownNodes().seenSince(1, 0, 100).stream()
                    .anyMatch(n -> n.host().equals(onion) && n.port() == 8444));
      }
    } finally {
      tor.destroy();
      if (!tor.waitFor(10, TimeUnit.SECONDS)) {
        tor.destroyForcibly();
      }
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      return "";
    }
  }
}
