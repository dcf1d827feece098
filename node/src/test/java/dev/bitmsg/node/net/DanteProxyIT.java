package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.Openssl;
import dev.bitmsg.node.testing.TestNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node behind a real SOCKS5 server, the distribution's Dante ({@code danted}), on loopback: a
 * peer given by name ({@code localhost:PORT}) is reached through it, the name handed over for Dante
 * to resolve, and Dante's log shows the connection.
 */
@NetworkTest
class DanteProxyIT {
  private static final Duration LIMIT = Duration.ofSeconds(20);

  @TempDir Path tmp;

  @Test
  void peerByName_reachedThroughDante() throws Exception {
    int port = Openssl.freePort();
    Path conf = tmp.resolve("danted.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "logoutput: stderr",
            "internal: 127.0.0.1 port = " + port,
            "external: lo",
            "clientmethod: none",
            "socksmethod: none",
            "user.privileged: root",
            "user.unprivileged: nobody",
            "client pass {",
            "  from: 127.0.0.0/8 to: 0.0.0.0/0",
            "  log: connect",
            "}",
            "socks pass {",
            "  from: 127.0.0.0/8 to: 127.0.0.0/8",
            "  command: connect",
            "  log: connect",
            "}",
            "socks block {",
            "  from: 0.0.0.0/0 to: 0.0.0.0/0",
            "  log: connect",
            "}",
            ""));
    Path log = tmp.resolve("danted.log");
    Process dante =
        new ProcessBuilder(
                "danted", "-f", conf.toString(), "-p", tmp.resolve("pid").toString(), "-N", "1")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      Await.until(LIMIT, "danted running", () -> read(log).contains("running"));
      try (Node b =
          NodeAssembly.start(
              TestNetwork.setup(
                  TestNetwork.config(tmp.resolve("b"), 0, List.of(), TestNetwork.settings())))) {
        HostPort byName = new HostPort("localhost", TestNetwork.endpoint(b).port());
        PrivacySettings viaDante =
            TestNetwork.privacy()
                .withSocks5(Optional.of(Socks5Proxy.at(new HostPort("127.0.0.1", port))), false);
        try (Node a =
            NodeAssembly.start(
                TestNetwork.setup(
                    TestNetwork.config(
                        tmp.resolve("a"),
                        TestNetwork.CLIENT_ONLY,
                        List.of(byName),
                        TestNetwork.settings(),
                        viaDante)))) {
          Await.until(LIMIT, "A reaches B through Dante", () -> a.peers().peers().size() == 1);
          assertTrue(
              a.peers().peers().get(0).remote().getHostString().equals("localhost"),
              "A knows its peer by the name it dialled");
          Await.until(
              LIMIT,
              () -> "Dante logs the connection:\n" + read(log),
              () -> read(log).contains("." + byName.port()));
        }
      }
    } finally {
      dante.destroy();
      if (!dante.waitFor(10, TimeUnit.SECONDS)) {
        dante.destroyForcibly();
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }
}
