package dev.bitmsg.node.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.messaging.MessagingSettingsForTests;
import dev.bitmsg.node.net.Await;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.TestNetwork;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PoW offload: the node's gRPC client against a real server on loopback, and the CPU fallback. */
class RemotePowTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void clientSolvesRemotelyAndVerifies() throws Exception {
    try (CpuPowServer server = new CpuPowServer("s3cret");
        RemotePowProvider remote = new RemotePowProvider(new HostPort("127.0.0.1", server.port()), "s3cret",
            Duration.ofSeconds(5))) {
      byte[] h = new byte[64];
      Arrays.fill(h, (byte) 7);
      InitialHash ih = InitialHash.of(h);
      long target = 1L << 50;
      List<Long> progress = new ArrayList<>();
      PowProvider.Result r = remote.solve(ih, target, p -> progress.add(p.trials()));
      assertTrue(TrialValue.meets(TrialValue.of(r.nonce(), ih), target));
      assertTrue(r.by().startsWith("remote 127.0.0.1:"), r.by());
      assertEquals(1, server.solved.get());
    }
  }

  @Test
  void wrongTokenAndDeadServiceFallBackToCpu() throws Exception {
    byte[] h = new byte[64];
    InitialHash ih = InitialHash.of(h);
    try (CpuPowServer server = new CpuPowServer("right");
        PowProvider p = new FallbackPowProvider(
            new RemotePowProvider(new HostPort("127.0.0.1", server.port()), "wrong", Duration.ofSeconds(5)),
            EnginePowProvider.cpu(1))) {
      PowProvider.Result r = p.solve(ih, 1L << 52, x -> { });
      assertTrue(r.by().startsWith("cpu (fallback"), r.by());
      assertTrue(r.by().contains("UNAUTHENTICATED"), r.by());
      assertEquals(0, server.solved.get());
    }
  }

  @Test
  void nodeSendsWithRemotePowThenFallsBackWhenServiceStops() throws Exception {
    CpuPowServer server = new CpuPowServer("tok");
    HostPort endpoint = new HostPort("127.0.0.1", server.port());
    NodeConfig ca = new NodeConfig(dir.resolve("a"), Optional.of(new HostPort("127.0.0.1", 0)), List.of(), false,
        Optional.of(endpoint), Optional.of("tok"), TestNetwork.settings(), Duration.ofMinutes(10));
    try (Node a = Node.start(ca, TestNetwork.params(), TestNetwork.pow(), Clock.systemUTC(),
            MessagingSettingsForTests.fast(), Optional.empty());
        Node b = Node.start(new NodeConfig(dir.resolve("b"), Optional.of(new HostPort("127.0.0.1", 0)),
            List.of(TestNetwork.endpoint(a)), false, Optional.empty(), Optional.empty(), TestNetwork.settings(),
            Duration.ofMinutes(10)), TestNetwork.params(), TestNetwork.pow(), Clock.systemUTC(),
            MessagingSettingsForTests.fast(), Optional.empty())) {
      String from = a.messenger().text(a.messenger().createRandom("a"));
      String to = b.messenger().text(b.messenger().createRandom("b"));
      long first = a.messenger().send(from, to, "remote", "pow by the service", 3600);
      Await.until(LIMIT, "acked", () -> a.messenger().status(first).orElseThrow().entry().status()
          == SendStatus.ACK_RECEIVED);
      String by = a.messenger().status(first).orElseThrow().entry().powBy().orElseThrow();
      assertTrue(by.startsWith("remote 127.0.0.1:"), by);
      assertTrue(server.solved.get() >= 3, "pubkey, ack and msg solved remotely: " + server.solved.get());

      server.close();
      long second = a.messenger().send(from, to, "fallback", "pow by the cpu", 3600);
      Await.until(LIMIT, "acked", () -> a.messenger().status(second).orElseThrow().entry().status()
          == SendStatus.ACK_RECEIVED);
      String by2 = a.messenger().status(second).orElseThrow().entry().powBy().orElseThrow();
      assertTrue(by2.startsWith("cpu (fallback: remote"), by2);
    } finally {
      server.close();
    }
  }
}
