package dev.bitmsg.pow.cli;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bm pow health}: asks a PoW service's standard gRPC health service; exit 0 when it is
 * SERVING, 1 otherwise. The container image's HEALTHCHECK runs it.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a PoW service's gRPC health (grpc.health.v1): prints it and exits 0 when SERVING,",
      "1 when NOT_SERVING or unreachable (a container HEALTHCHECK)."
    })
public final class HealthCommand implements Callable<Integer> {
  @Option(
      names = "--server",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:8446",
      description = "the service (default ${DEFAULT-VALUE})")
  String server;

  @Option(
      names = "--tls-ca",
      paramLabel = "FILE",
      description = "TLS, trusting this PEM CA file (default: plaintext)")
  Path tlsCa;

  @Option(
      names = "--timeout-seconds",
      paramLabel = "S",
      defaultValue = "5",
      description = "give up after S seconds (default ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Override
  public Integer call() throws IOException, InterruptedException {
    ChannelCredentials creds =
        tlsCa == null
            ? InsecureChannelCredentials.create()
            : TlsChannelCredentials.newBuilder().trustManager(tlsCa.toFile()).build();
    ManagedChannel channel = Grpc.newChannelBuilder(server, creds).build();
    try {
      HealthCheckResponse r =
          HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
              .check(HealthCheckRequest.getDefaultInstance());
      System.out.println("health " + r.getStatus() + " " + server);
      return r.getStatus() == HealthCheckResponse.ServingStatus.SERVING ? 0 : 1;
    } catch (StatusRuntimeException e) {
      System.out.println("health UNREACHABLE " + server + ": " + e.getStatus());
      return 1;
    } finally {
      channel.shutdownNow();
      channel.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
