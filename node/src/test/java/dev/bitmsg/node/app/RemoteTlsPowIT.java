package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.PowReplica;
import dev.bitmsg.node.testing.SolveLog;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.pow.client.FailoverTiming;
import dev.bitmsg.pow.client.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The first use of remote PoW as an operator sets it up: a real PoW service in its own process
 * serving TLS with a self-signed certificate (made by openssl) and a tokens file; two nodes given
 * {@code --pow-service 127.0.0.1:PORT --pow-ca CERT --pow-token-file FILE} on their command line.
 * One sends the other a message, acknowledged, and every proof of work of both (pubkeys, msg, ack)
 * was done by the service over TLS: {@code remote 127.0.0.1:PORT}, never the CPU fallback. Needs
 * openssl ({@code ./bm test} installs it); fails, never skips, without it.
 */
@NetworkTest
class RemoteTlsPowIT {
  private static final Duration LIMIT = Duration.ofMinutes(2);

  @TempDir Path dir;

  @Test
  void nodeSendsWithPowByTlsServiceFromCaAndTokenFile() throws Exception {
    Path cert = dir.resolve("service.pem");
    Path key = dir.resolve("service.key");
    selfSigned(cert, key);
    Path tokenFile = dir.resolve("pow-token");
    Files.writeString(tokenFile, PowReplica.TOKEN + "\n", StandardCharsets.UTF_8);
    List<PowReplica> replicas =
        PowReplica.startAll(dir, Optional.of(new PowReplica.Tls(cert, key)), "127.0.0.1");
    PowReplica service = replicas.get(0);
    SolveLog log = new SolveLog();
    try {
      NodeConfig.PowService pow =
          fromCommandLine(
              "--pow-service",
              service.endpoint().toString(),
              "--pow-ca",
              cert.toString(),
              "--pow-token-file",
              tokenFile.toString());
      Transport.Tls tls = assertInstanceOf(Transport.Tls.class, pow.transport());
      assertEquals(Optional.of(cert), tls.ca());
      assertEquals(Optional.of(PowReplica.TOKEN), pow.token());
      try (Node b = start("b", pow, List.of(), log);
          Node a = start("a", pow, List.of(TestNetwork.endpoint(b)), log)) {
        String from = a.messenger().text(a.messenger().createRandom("a"));
        String to = b.messenger().text(b.messenger().createRandom("b"));
        long t0 = System.nanoTime();
        long id = a.messenger().send(from, to, "over tls", "pow by the service", 3600);
        Await.until(
            LIMIT,
            () -> "acked, now " + status(a, id),
            () -> status(a, id) == SendStatus.ACK_RECEIVED);
        System.out.printf(
            Locale.ROOT,
            "e2e RemoteTlsPowIT: msg + ack with every PoW by the TLS service (--pow-ca,"
                + " --pow-token-file), %d searches in %d ms%n",
            log.size(),
            (System.nanoTime() - t0) / 1_000_000);
        String by = a.messenger().status(id).orElseThrow().entry().powBy().orElseThrow();
        assertTrue(by.startsWith(service.remoteName() + " ("), by);
        assertEquals(1, b.messenger().inbox().size());
        assertTrue(log.size() >= 3, log.all().toString()); // pubkey, msg, ack at least
        for (String s : log.all()) {
          assertTrue(s.startsWith(service.remoteName() + " ("), "remote over TLS: " + s);
          assertFalse(s.contains("fallback"), s);
        }
      }
    } finally {
      service.close();
    }
  }

  /** The node's own parsing of its PoW options, with test clocks for a loaded machine. */
  private static NodeConfig.PowService fromCommandLine(String... args) {
    NodeCommand cmd = new NodeCommand(TestNetwork.RULES);
    new CommandLine(cmd).parseArgs(args);
    NodeConfig.PowService s = cmd.pow.service().orElseThrow();
    FailoverTiming t = s.timing();
    return new NodeConfig.PowService(
        s.endpoints(),
        s.token(),
        s.transport(),
        t.withStall(t.progressInterval(), t.stallTimeout(), Duration.ofSeconds(60)));
  }

  private Node start(String name, NodeConfig.PowService pow, List<HostPort> connect, SolveLog log)
      throws Exception {
    NodeConfig c =
        new NodeConfig(
            dir.resolve(name),
            Optional.of(new HostPort("127.0.0.1", 0)),
            connect,
            false,
            Optional.of(pow),
            TestNetwork.settings(),
            Duration.ofMinutes(10));
    return NodeAssembly.start(
        TestNetwork.setup(c).withMessaging(TestNetwork.messaging()).withPowWrapper(log::wrap));
  }

  private static SendStatus status(Node n, long id) {
    return n.messenger().status(id).orElseThrow().entry().status();
  }

  private static void selfSigned(Path certFile, Path keyFile) throws Exception {
    Process p =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                keyFile.toString(),
                "-out",
                certFile.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=pow-service",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl did not finish");
    assertEquals(0, p.exitValue(), "openssl req failed (is openssl installed?): " + out);
  }
}
