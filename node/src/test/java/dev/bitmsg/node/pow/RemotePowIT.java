package dev.bitmsg.node.pow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.store.SendStatus;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.PowServiceProcess;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PoW offload: the node's gRPC client against the real PoW service in its own process (wrong token,
 * service killed in the middle of a job), and the embedded CPU engine as the fallback.
 */
@NetworkTest
class RemotePowIT {
  private static final Duration LIMIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void clientSolvesRemotelyAndVerifies() throws Exception {
    PowServiceProcess service = PowServiceProcess.shared();
    long done = service.jobsDone();
    try (RemotePowProvider remote =
        new RemotePowProvider(
            service.endpoint().host(),
            service.endpoint().port(),
            PowServiceProcess.TOKEN,
            Duration.ofSeconds(5))) {
      byte[] h = new byte[64];
      Arrays.fill(h, (byte) 7);
      InitialHash ih = InitialHash.of(h);
      long target = 1L << 44;
      List<Long> progress = new ArrayList<>();
      // The search waits behind a blocking one of the same client, so its watch reports progress
      // (queued, nothing tried) before any answer can exist; that first report releases it.
      String blocker = service.submitBlocker();
      long[] released = {0};
      PowProvider.Result r =
          remote.solve(
              ih,
              target,
              p -> {
                if (progress.isEmpty()) {
                  service.cancel(blocker);
                  released[0] = System.nanoTime();
                }
                progress.add(p.trials());
              });
      System.out.printf(
          Locale.ROOT,
          "e2e RemotePowIT: one search of about 2^20 trials by the service in %d ms, by %s%n",
          (System.nanoTime() - released[0]) / 1_000_000,
          r.by());
      assertFalse(progress.isEmpty(), "the watch reported progress");
      assertEquals(0L, progress.get(0), "first report while queued: nothing tried yet");
      for (int i = 1; i < progress.size(); i++) {
        assertTrue(progress.get(i) >= progress.get(i - 1), "trials never go back: " + progress);
      }
      assertTrue(TrialValue.meets(TrialValue.of(r.nonce(), ih), target));
      assertTrue(r.by().startsWith(service.remoteName() + " (cpu"), r.by());
      Await.until(
          Duration.ofSeconds(10),
          "the service counted the job",
          () -> service.jobsDone() == done + 1);
    }
  }

  @Test
  void wrongTokenIsRefusedClearlyAndFallsBackToCpu() throws Exception {
    PowServiceProcess service = PowServiceProcess.shared();
    long done = service.jobsDone();
    InitialHash ih = InitialHash.of(new byte[64]);
    try (RemotePowProvider wrong =
        new RemotePowProvider(
            service.endpoint().host(),
            service.endpoint().port(),
            "not-the-token-0123456789",
            Duration.ofSeconds(5))) {
      StatusRuntimeException e =
          assertThrows(StatusRuntimeException.class, () -> wrong.solve(ih, 1L << 52, x -> {}));
      assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode(), e.toString());
      assertTrue(
          e.getStatus().getDescription() != null && !e.getStatus().getDescription().isBlank(),
          e.toString());
    }
    try (PowProvider p =
        new FallbackPowProvider(
            new RemotePowProvider(
                service.endpoint().host(),
                service.endpoint().port(),
                "not-the-token-0123456789",
                Duration.ofSeconds(5)),
            EnginePowProvider.cpu(1))) {
      PowProvider.Result r = p.solve(ih, 1L << 52, x -> {});
      assertTrue(TrialValue.meets(TrialValue.of(r.nonce(), ih), 1L << 52));
      assertTrue(
          r.by().startsWith("cpu (fallback: " + service.remoteName() + " UNAUTHENTICATED"), r.by());
    }
    assertEquals(done, service.jobsDone(), "the service did no work for a wrong token");
  }

  /** The embedded CPU engine when the configured service is not there: the status says so. */
  @Test
  void nodeFallsBackToCpuWhenServiceUnreachable() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    HostPort nowhere = new HostPort("127.0.0.1", deadPort);
    try (Node a = start("a", Optional.of(nowhere), List.of());
        Node b = start("b", Optional.empty(), List.of(TestNetwork.endpoint(a)))) {
      String from = a.messenger().text(a.messenger().createRandom("a"));
      String to = b.messenger().text(b.messenger().createRandom("b"));
      long t0 = System.nanoTime();
      long id = a.messenger().send(from, to, "fallback", "pow by the embedded cpu", 3600);
      Await.until(LIMIT, "acked", () -> status(a, id) == SendStatus.ACK_RECEIVED);
      System.out.printf(
          Locale.ROOT,
          "e2e RemotePowIT: service unreachable, msg + ack by the CPU fallback in %d ms%n",
          (System.nanoTime() - t0) / 1_000_000);
      String by = a.messenger().status(id).orElseThrow().entry().powBy().orElseThrow();
      assertTrue(by.startsWith("cpu (fallback: remote " + nowhere + " UNAVAILABLE"), by);
    }
  }

  /**
   * The service is killed (SIGKILL) while it holds a node's proof of work: the node does the work
   * with its CPU engine instead, and the message arrives once and is acknowledged. To kill it
   * surely mid-job, a {@linkplain PowServiceProcess#submitBlocker blocking search} goes first.
   */
  @Test
  void serviceKilledMidJobFallsBackWithoutLossOrDuplicate() throws Exception {
    CryptoSuite crypto = BcCryptoSuite.create(new SeededRandomSource(11));
    Identity bob =
        new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random())
            .random(4, 1, false, "bob");
    try (Node b = start("b", Optional.empty(), List.of())) {
      b.messenger().importIdentity(bob); // answers getpubkey once it runs connected to A
    }
    try (PowServiceProcess service = PowServiceProcess.start();
        Node a = start("a", Optional.of(service.endpoint()), List.of())) {
      String from = a.messenger().text(a.messenger().createRandom("a"));
      String to = a.messenger().text(bob);
      long id = a.messenger().send(from, to, "survives", "the service dies mid-job", 3600);
      Await.until(
          LIMIT,
          () -> "A's pubkey and getpubkey made by the service, now " + status(a, id),
          () -> status(a, id) == SendStatus.AWAITING_PUBKEY && a.inventory().count() == 2);
      service.submitBlocker();
      Await.until(LIMIT, "the blocking search running", () -> service.jobsOpen() == 1);
      try (Node b = start("b", Optional.empty(), List.of(TestNetwork.endpoint(a)))) {
        Await.until(
            LIMIT,
            () -> "A's next search queued on the service, now " + status(a, id),
            () -> status(a, id) == SendStatus.DOING_POW && service.jobsOpen() == 2);
        service.kill();
        long t0 = System.nanoTime();
        Await.until(
            LIMIT,
            () -> "acked after the fallback, now " + status(a, id),
            () -> status(a, id) == SendStatus.ACK_RECEIVED);
        System.out.printf(
            Locale.ROOT,
            "e2e RemotePowIT: service killed mid-job, ack and msg redone by the CPU fallback,"
                + " ack received in %d ms%n",
            (System.nanoTime() - t0) / 1_000_000);
        String by = a.messenger().status(id).orElseThrow().entry().powBy().orElseThrow();
        assertTrue(by.startsWith("cpu (fallback: " + service.remoteName() + " UNAVAILABLE"), by);
        assertEquals(1, b.messenger().inbox().size(), "delivered exactly once");
        assertEquals(1, a.messenger().outbox().size());
      }
    }
  }

  private Node start(String name, Optional<HostPort> service, List<HostPort> connect)
      throws IOException, InterruptedException {
    NodeConfig c =
        new NodeConfig(
            dir.resolve(name),
            Optional.of(new HostPort("127.0.0.1", 0)),
            connect,
            false,
            service.map(s -> new NodeConfig.PowService(s, PowServiceProcess.TOKEN)),
            TestNetwork.settings(),
            Duration.ofMinutes(10));
    return NodeAssembly.start(TestNetwork.setup(c).withMessaging(TestNetwork.messaging()));
  }

  private static SendStatus status(Node n, long id) {
    return n.messenger().status(id).orElseThrow().entry().status();
  }
}
