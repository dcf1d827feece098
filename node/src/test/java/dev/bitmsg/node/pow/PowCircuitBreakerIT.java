package dev.bitmsg.node.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.SolveLog;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.client.FailoverTiming;
import dev.bitmsg.pow.client.ServiceUnavailableException;
import dev.bitmsg.pow.client.Transport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every service down: the first search finds that out and opens the circuit; every later search is
 * handed to the CPU at once, its record saying "circuit open" (no call, no connection attempt, no
 * wait). Asserted through the breaker's answer, not wall time; the refusal's cost is printed.
 */
@NetworkTest
class PowCircuitBreakerIT {
  private static final Duration LIMIT = Duration.ofSeconds(90);

  /** Open long enough that no probe happens during the test. */
  private static final FailoverTiming OPEN_LONG =
      FailoverTiming.defaults().withBreaker(Duration.ofMinutes(10), Duration.ofMinutes(10));

  @TempDir Path dir;

  @Test
  void everyServiceDown_laterSearchesGoToCpuAtOnceWithTheCircuitOpen() throws Exception {
    NodeConfig.PowService dead =
        new NodeConfig.PowService(
            List.of(deadPort("127.0.0.1"), deadPort("127.0.0.2"), deadPort("127.0.0.3")),
            Optional.of("breaker-test-token-0123456789"),
            new Transport.Plaintext(),
            OPEN_LONG);
    SolveLog log = new SolveLog();
    try (Node b = start("b", Optional.empty(), List.of(), new SolveLog());
        Node a = start("a", Optional.of(dead), List.of(TestNetwork.endpoint(b)), log)) {
      String from = a.messenger().text(a.messenger().createRandom("a"));
      String to = b.messenger().text(b.messenger().createRandom("b"));
      long id = a.messenger().send(from, to, "breaker", "cpu takes over", 3600);
      Await.until(
          LIMIT,
          () -> "acked, now " + a.messenger().status(id).orElseThrow().entry().status(),
          () -> a.messenger().status(id).orElseThrow().entry().status() == SendStatus.ACK_RECEIVED);
      List<String> by = log.all();
      assertTrue(by.size() >= 2, by.toString());
      assertTrue(by.get(0).startsWith("cpu (fallback: remote "), by.get(0));
      for (String s : by.subList(1, by.size())) {
        assertTrue(s.startsWith("cpu (fallback: remote "), s);
        assertTrue(s.contains("circuit open"), "refused by the open circuit: " + s);
      }
    }
  }

  /** The figure: what a search costs before the CPU takes over once the circuit is open. */
  @Test
  void openCircuit_refusesWithoutCallingAnyReplica() throws Exception {
    HostPort nowhere = deadPort("127.0.0.1");
    try (RemotePowProvider remote =
        new RemotePowProvider(
            new NodeConfig.PowService(
                    List.of(nowhere),
                    Optional.of("breaker-test-token-0123456789"),
                    new Transport.Plaintext(),
                    OPEN_LONG)
                .clientSettings())) {
      InitialHash h = InitialHash.of(new byte[64]);
      ServiceUnavailableException first =
          assertThrows(ServiceUnavailableException.class, () -> remote.solve(h, 1L << 50, p -> {}));
      assertFalse(String.valueOf(first.getMessage()).contains("circuit open"), first.getMessage());
      int n = 100;
      long worst = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        long s = System.nanoTime();
        ServiceUnavailableException e =
            assertThrows(
                ServiceUnavailableException.class, () -> remote.solve(h, 1L << 50, p -> {}));
        worst = Math.max(worst, System.nanoTime() - s);
        assertTrue(String.valueOf(e.getMessage()).contains("circuit open"), e.getMessage());
        assertEquals(0, e.trialsSearched());
      }
      System.out.printf(
          Locale.ROOT,
          "e2e PowCircuitBreakerIT: circuit open, a search handed to the CPU after %.3f ms"
              + " (mean of %d), worst %.3f ms (goal < 100 ms)%n",
          (System.nanoTime() - t0) / 1e6 / n,
          n,
          worst / 1e6);
    }
  }

  private Node start(
      String name, Optional<NodeConfig.PowService> pow, List<HostPort> connect, SolveLog log)
      throws Exception {
    NodeConfig c =
        new NodeConfig(
            dir.resolve(name),
            Optional.of(new HostPort("127.0.0.1", 0)),
            connect,
            false,
            pow,
            TestNetwork.settings(),
            Duration.ofMinutes(10));
    return NodeAssembly.start(
        TestNetwork.setup(c).withMessaging(TestNetwork.messaging()).withPowWrapper(log::wrap));
  }

  /** A port on {@code host} that nobody listens on. */
  private static HostPort deadPort(String host) throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return new HostPort(host, s.getLocalPort());
    }
  }
}
