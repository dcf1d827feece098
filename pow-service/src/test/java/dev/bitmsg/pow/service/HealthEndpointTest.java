package dev.bitmsg.pow.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitmsg.pow.service.testing.RecordingScanner;
import dev.bitmsg.pow.service.testing.TestServer;
import dev.bitmsg.pow.v1.GetInfoRequest;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The plaintext health-only port follows the service's health and serves nothing else. */
class HealthEndpointTest {
  @Test
  void healthOnly_sameStatusAsTheService() throws Exception {
    CountDownLatch gate = new CountDownLatch(1); // holds the engine's self-test
    try (TestServer t =
            TestServer.inProcess(
                TestServer.config(), Optional.empty(), new RecordingScanner(5_000, gate));
        HealthEndpoint endpoint =
            HealthEndpoint.start(new PowServiceConfig.Listen("127.0.0.1", 0), t.server.health())) {
      ManagedChannel ch =
          NettyChannelBuilder.forAddress("127.0.0.1", endpoint.port()).usePlaintext().build();
      try {
        HealthGrpc.HealthBlockingStub health =
            HealthGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
        HealthCheckRequest pow =
            HealthCheckRequest.newBuilder().setService(ProofOfWorkGrpc.SERVICE_NAME).build();
        assertEquals(ServingStatus.NOT_SERVING, health.check(pow).getStatus(), "self-test pending");
        gate.countDown();
        t.awaitReady();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (health.check(pow).getStatus() != ServingStatus.SERVING && System.nanoTime() < end) {
          Thread.sleep(20);
        }
        assertEquals(ServingStatus.SERVING, health.check(pow).getStatus());
        assertEquals(
            ServingStatus.SERVING,
            health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
        StatusRuntimeException e =
            assertThrows(
                StatusRuntimeException.class,
                () ->
                    ProofOfWorkGrpc.newBlockingStub(ch)
                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                        .getInfo(GetInfoRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode(), "health only");
      } finally {
        ch.shutdownNow();
      }
    }
  }
}
