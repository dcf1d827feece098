package dev.bitmsg.pow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.service.PowGrpcServer;
import dev.bitmsg.pow.service.PowServiceConfig;
import dev.bitmsg.pow.service.client.PowServiceClient;
import dev.bitmsg.pow.service.testing.Hashes;
import dev.bitmsg.pow.service.testing.RecordingScanner;
import dev.bitmsg.pow.service.testing.Requests;
import dev.bitmsg.pow.service.testing.TestServer;
import dev.bitmsg.pow.v1.SolveResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service with --tls-cert/--tls-key on loopback, a certificate made by openssl: a client that
 * trusts it solves; a plaintext client and one trusting only the system roots are refused.
 */
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
        TestServer.config()
            .withEngines(List.of("cpu"), 0)
            .withTls(PowServiceConfig.Tls.of(Optional.of(cert), Optional.of(key)));
    RecordingScanner scanner = new RecordingScanner(0);
    try (PowGrpcServer server =
        PowServiceCommand.start(
            config, Optional.empty(), List.<NonceScanner>of(scanner), PowRules.NETWORK)) {
      server.awaitReady(60, TimeUnit.SECONDS);
      String target = "127.0.0.1:" + server.port();
      try (PowServiceClient c =
          PowServiceClient.connect(target, Optional.empty(), Optional.of(cert))) {
        SolveResponse s =
            c.blocking()
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .solve(Requests.solve(Hashes.of("tls"), Hashes.EASY));
        assertTrue(TrialValue.isSolution(s.getNonce(), Hashes.of("tls"), Hashes.EASY));
      }
      // Neither a plaintext client nor one that does not trust the certificate gets through: the
      // connection fails (UNAVAILABLE, not a timeout) and no work reaches the engine.
      InitialHash refused = Hashes.of("tls refused");
      try (PowServiceClient plain = PowServiceClient.local(target)) {
        assertUnavailable(plain, refused);
      }
      try (PowServiceClient systemRoots =
          PowServiceClient.connect(target, Optional.empty(), Optional.of(Path.of("")))) {
        assertUnavailable(systemRoots, refused);
      }
      assertEquals(0, scanner.slicesFor(refused), "a refused call reached the engine");
    }
  }

  private static void assertUnavailable(PowServiceClient client, InitialHash hash) {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                client
                    .blocking()
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .solve(Requests.solve(hash, Hashes.EASY)));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
  }
}
