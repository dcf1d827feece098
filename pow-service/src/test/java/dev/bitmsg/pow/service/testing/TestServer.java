package dev.bitmsg.pow.service.testing;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.client.BearerToken;
import dev.bitmsg.pow.service.PowGrpcServer;
import dev.bitmsg.pow.service.PowServiceConfig;
import dev.bitmsg.pow.service.ServerTransport;
import dev.bitmsg.pow.service.auth.TokensFile;
import dev.bitmsg.pow.service.scheduler.QueueSnapshot;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptor;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@link PowGrpcServer} for tests, in-process or on an ephemeral 127.0.0.1 port, with a
 * channel to it. Close it in {@code @AfterEach}.
 */
public final class TestServer implements AutoCloseable {
  public final PowGrpcServer server;
  public final ManagedChannel channel;
  public final RecordingScanner scanner;

  private TestServer(PowGrpcServer server, ManagedChannel channel, RecordingScanner scanner) {
    this.server = server;
    this.channel = channel;
    this.scanner = scanner;
  }

  /** Test settings: loopback, any port, short orphan grace, low absurdity limit. */
  public static PowServiceConfig config() {
    return PowServiceConfig.defaults()
        .withListen("127.0.0.1", 0)
        .withDetachedGrace(Duration.ofMillis(300))
        .withMaxJobTime(Duration.ofMinutes(2));
  }

  /** An in-process server under the network's rules. */
  public static TestServer inProcess(
      PowServiceConfig config, Optional<TokensFile> tokens, RecordingScanner scanner)
      throws IOException {
    return inProcess(config, tokens, scanner, PowRules.NETWORK);
  }

  /** An in-process server under {@code rules}. */
  public static TestServer inProcess(
      PowServiceConfig config,
      Optional<TokensFile> tokens,
      RecordingScanner scanner,
      PowRules rules)
      throws IOException {
    String name = InProcessServerBuilder.generateName();
    PowGrpcServer server =
        new PowGrpcServer(
                InProcessServerBuilder.forName(name), config, tokens, List.of(scanner), rules)
            .start();
    ManagedChannel ch = InProcessChannelBuilder.forName(name).build();
    return new TestServer(server, ch, scanner);
  }

  /**
   * An in-process server under the network's rules whose calls all pass through {@code interceptor}
   * first (to watch what the server sends).
   */
  public static TestServer inProcess(
      PowServiceConfig config, RecordingScanner scanner, ServerInterceptor interceptor)
      throws IOException {
    String name = InProcessServerBuilder.generateName();
    PowGrpcServer server =
        new PowGrpcServer(
                InProcessServerBuilder.forName(name).intercept(interceptor),
                config,
                Optional.empty(),
                List.of(scanner),
                PowRules.NETWORK)
            .start();
    ManagedChannel ch = InProcessChannelBuilder.forName(name).build();
    return new TestServer(server, ch, scanner);
  }

  /** A server on an ephemeral 127.0.0.1 port with {@code config}'s connection limits. */
  public static TestServer loopback(
      PowServiceConfig config, Optional<TokensFile> tokens, RecordingScanner scanner)
      throws IOException {
    PowGrpcServer server =
        new PowGrpcServer(
                ServerTransport.netty(config.withListen("127.0.0.1", 0)),
                config,
                tokens,
                List.<NonceScanner>of(scanner),
                PowRules.NETWORK)
            .start();
    ManagedChannel ch =
        NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    return new TestServer(server, ch, scanner);
  }

  public ProofOfWorkGrpc.ProofOfWorkBlockingStub blocking() {
    return ProofOfWorkGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  public ProofOfWorkGrpc.ProofOfWorkBlockingStub blocking(String token) {
    return blocking().withCallCredentials(new BearerToken(token));
  }

  public ProofOfWorkGrpc.ProofOfWorkStub async() {
    return ProofOfWorkGrpc.newStub(channel);
  }

  public void awaitReady() throws InterruptedException {
    server.awaitReady(60, TimeUnit.SECONDS);
  }

  /** Waits (bounded) until the scheduler holds no job; fails otherwise. */
  public void awaitIdle() throws InterruptedException {
    for (int i = 0; i < 1000; i++) {
      List<QueueSnapshot> q = server.scheduler().queues();
      if (q.isEmpty()) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("jobs still open: " + server.scheduler().queues());
  }

  /** Waits (bounded) until some job is running. */
  public void awaitRunning() throws InterruptedException {
    for (int i = 0; i < 1000; i++) {
      if (server.scheduler().queues().stream().anyMatch(q -> q.running() > 0)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no job started: " + server.scheduler().queues());
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.close();
  }
}
