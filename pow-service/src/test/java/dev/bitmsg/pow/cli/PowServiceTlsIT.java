package dev.bitmsg.pow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.service.PowGrpcServer;
import dev.bitmsg.pow.service.PowServiceConfig;
import dev.bitmsg.pow.service.client.PowServiceClient;
import dev.bitmsg.pow.service.testing.Hashes;
import dev.bitmsg.pow.service.testing.RecordingScanner;
import dev.bitmsg.pow.v1.SolveRequest;
import dev.bitmsg.pow.v1.SolveResponse;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service with --tls-cert/--tls-key on loopback, a certificate made by openssl. */
class PowServiceTlsIT {
  @TempDir Path dir;

  @Test
  void tls_clientTrustingTheCert_solves_plaintextClientFails() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
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
                key.toString(),
                "-out",
                cert.toString(),
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=IP:127.0.0.1")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    PowServiceConfig config =
        new PowServiceConfig(
            "127.0.0.1",
            0,
            List.of("cpu"),
            Optional.empty(),
            OptionalInt.empty(),
            Optional.of(cert),
            Optional.of(key),
            Duration.ofMinutes(1),
            1e12,
            Duration.ofSeconds(60),
            0);
    try (PowGrpcServer server =
        PowServiceCommand.start(
            config, Optional.empty(), List.<NonceScanner>of(new RecordingScanner(0)))) {
      server.awaitReady(60, TimeUnit.SECONDS);
      String target = "127.0.0.1:" + server.port();
      SolveRequest r =
          SolveRequest.newBuilder()
              .setInitialHash(
                  com.google.protobuf.ByteString.copyFrom(Hashes.of("tls").toByteArray()))
              .setTarget(Hashes.EASY)
              .build();
      try (PowServiceClient c =
          PowServiceClient.connect(target, Optional.empty(), Optional.of(cert))) {
        SolveResponse s = c.blocking().withDeadlineAfter(30, TimeUnit.SECONDS).solve(r);
        assertTrue(TrialValue.isSolution(s.getNonce(), Hashes.of("tls"), Hashes.EASY));
      }
      try (PowServiceClient plain = PowServiceClient.local(target)) {
        assertThrows(
            StatusRuntimeException.class,
            () -> plain.blocking().withDeadlineAfter(2, TimeUnit.SECONDS).solve(r));
      }
    }
  }
}
