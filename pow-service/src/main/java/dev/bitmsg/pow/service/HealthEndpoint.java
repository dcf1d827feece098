package dev.bitmsg.pow.service;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A second, plaintext gRPC port that serves only the standard health service ({@code
 * grpc.health.v1.Health}), with the same status as the service's own port: for probes that can
 * neither speak TLS nor send a token, such as Kubernetes' gRPC probes. It tells nothing but SERVING
 * or NOT_SERVING. Thread-safe lifecycle: {@link #start} once, then {@link #close}.
 */
public final class HealthEndpoint implements AutoCloseable {
  private final Server server;

  private HealthEndpoint(Server server) {
    this.server = server;
  }

  /** Serves {@code health} on {@code at} (port 0: any free one). */
  public static HealthEndpoint start(PowServiceConfig.Listen at, HealthStatusManager health)
      throws IOException {
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(at.host(), at.port()))
            .directExecutor()
            .addService(health.getHealthService())
            .build()
            .start();
    return new HealthEndpoint(server);
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
