package dev.bitmsg.pow.service;

import static dev.bitmsg.pow.service.testing.Requests.solve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.service.testing.Hashes;
import dev.bitmsg.pow.service.testing.RecordingScanner;
import dev.bitmsg.pow.service.testing.TestServer;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import dev.bitmsg.pow.v1.SolveEvent;
import dev.bitmsg.pow.v1.SolveStreamRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy configurations under {@code deploy/} work as shipped: HAProxy and nginx (the
 * distribution's packages, which {@code ./bm test} installs; missing ones fail the test) proxy
 * SolveStream calls over HTTP/2 to three replicas on loopback, spread them over all three, and keep
 * serving when one replica is gone.
 */
class ProxyConfigTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @TempDir Path dir;

  private final List<TestServer> replicas = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    channels.forEach(ManagedChannel::shutdownNow);
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    replicas.forEach(TestServer::close);
  }

  private static Path repo() {
    String vectors = System.getProperty("bitmsg.vectors");
    assertTrue(vectors != null, "bitmsg.vectors is set by the build");
    return Path.of(vectors).toAbsolutePath().resolve("../..").normalize();
  }

  private static Path tool(String name) {
    for (String d : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError(name + " is not installed (./bm test installs it)");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      return s.getLocalPort();
    }
  }

  /** Three replicas; the environment naming them as the deploy files expect. */
  private Map<String, String> startReplicas(int proxyPort) throws Exception {
    for (int i = 0; i < 3; i++) {
      TestServer t =
          TestServer.loopback(TestServer.config(), Optional.empty(), new RecordingScanner(5_000));
      t.awaitReady();
      replicas.add(t);
    }
    return Map.of(
        "POW_PROXY_BIND", "127.0.0.1:" + proxyPort,
        "POW_REPLICA_1", "127.0.0.1:" + replicas.get(0).server.port(),
        "POW_REPLICA_2", "127.0.0.1:" + replicas.get(1).server.port(),
        "POW_REPLICA_3", "127.0.0.1:" + replicas.get(2).server.port());
  }

  private void run(List<String> command, Map<String, String> env, int port) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("proxy.log").toFile());
    Process p = pb.start();
    processes.add(p);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      assertTrue(p.isAlive(), "the proxy exited: " + log());
      try (Socket s = new Socket(LOOPBACK, port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("the proxy never listened: " + log());
  }

  private String log() throws IOException {
    Path f = dir.resolve("proxy.log");
    return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
  }

  private void solveThrough(int port, int jobs, String label) throws Exception {
    ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    channels.add(ch);
    for (int i = 0; i < jobs; i++) {
      SolveStreamRequest req =
          SolveStreamRequest.newBuilder()
              .setSolve(solve(Hashes.of(label + i), Hashes.EASY))
              .build();
      Iterator<SolveEvent> events =
          ProofOfWorkGrpc.newBlockingStub(ch)
              .withDeadlineAfter(60, TimeUnit.SECONDS)
              .solveStream(req);
      SolveEvent last = events.next();
      while (events.hasNext()) {
        last = events.next();
      }
      assertEquals(SolveEvent.EventCase.RESULT, last.getEventCase(), log());
      assertTrue(
          TrialValue.isSolution(last.getResult().getNonce(), Hashes.of(label + i), Hashes.EASY));
    }
  }

  private int jobsServed(TestServer t, String label) {
    int n = 0;
    for (int i = 0; i < 100; i++) {
      if (t.scanner.slicesFor(Hashes.of(label + i)) > 0) {
        n++;
      }
    }
    return n;
  }

  private void checkProxy(int port) throws Exception {
    solveThrough(port, 9, "spread ");
    for (TestServer t : replicas) {
      assertTrue(jobsServed(t, "spread ") > 0, "every replica gets calls: " + log());
    }
    // One replica goes away: the calls still succeed on the other two.
    replicas.remove(1).close();
    solveThrough(port, 6, "failover ");
  }

  @Test
  void haproxy_spreadsCallsOverReplicas_andSkipsADeadOne() throws Exception {
    Path haproxy = tool("haproxy");
    int port = freePort();
    Map<String, String> env = startReplicas(port);
    Path cfg = repo().resolve("deploy/haproxy/pow.cfg");
    run(List.of(haproxy.toString(), "-db", "-f", cfg.toString()), env, port);
    checkProxy(port);
  }

  @Test
  void nginx_spreadsCallsOverReplicas_andSkipsADeadOne() throws Exception {
    Path nginx = tool("nginx");
    int port = freePort();
    Map<String, String> env = startReplicas(port);
    String conf = Files.readString(repo().resolve("deploy/nginx/pow.conf"), StandardCharsets.UTF_8);
    for (Map.Entry<String, String> e : env.entrySet()) {
      conf = conf.replace("${" + e.getKey() + "}", e.getValue());
    }
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(dir.resolve("pow.conf"), conf, StandardCharsets.UTF_8);
    run(
        List.of(nginx.toString(), "-p", dir.toString(), "-c", dir.resolve("pow.conf").toString()),
        Map.of(),
        port);
    checkProxy(port);
  }
}
