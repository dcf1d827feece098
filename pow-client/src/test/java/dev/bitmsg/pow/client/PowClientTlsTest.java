package dev.bitmsg.pow.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.client.ScriptedReplica.Act;
import dev.bitmsg.pow.client.ScriptedReplica.Call;
import dev.bitmsg.pow.v1.Priority;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS between the client and a real gRPC server with self-signed certificates made by openssl: a
 * given CA file is trusted, mutual TLS works with a client certificate and fails without, and each
 * mismatch (plaintext client at a TLS server, TLS client at a plaintext one, an untrusted
 * certificate) comes back as one sentence that says what to change. Needs openssl ({@code ./bm
 * test} installs it); fails, never skips, without it.
 */
class PowClientTlsTest {
  private static final long EASY = 1L << 60;
  private static final InitialHash HASH =
      InitialHash.ofObjectWithoutNonce("tls".getBytes(StandardCharsets.UTF_8));
  private static final FailoverTiming QUICK =
      FailoverTiming.defaults()
          .withStall(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(30));

  @TempDir static Path dir;
  private static Path cert;
  private static Path key;
  private static Path clientCert;
  private static Path clientKey;

  @BeforeAll
  static void certificates() throws Exception {
    cert = dir.resolve("service.pem");
    key = dir.resolve("service.key");
    clientCert = dir.resolve("client.pem");
    clientKey = dir.resolve("client.key");
    openssl(cert, key, "/CN=pow-service", "subjectAltName=IP:127.0.0.1,DNS:localhost");
    openssl(clientCert, clientKey, "/CN=node", "extendedKeyUsage=clientAuth");
  }

  @Test
  void tlsWithTheServiceCertificateAsCa_solves() throws Exception {
    try (ScriptedReplica r = replica(TlsServerCredentials.create(cert.toFile(), key.toFile()));
        PowClient c = PowClient.open(settings(r, tls(Optional.of(cert), Optional.empty())))) {
      RemoteAnswer a = c.solve(HASH, EASY, Priority.PRIORITY_INTERACTIVE, 5, p -> {});
      assertTrue(TrialValue.isSolution(a.nonce(), HASH, EASY));
    }
  }

  @Test
  void mutualTls_clientCertificateRequired() throws Exception {
    ServerCredentials mutual =
        TlsServerCredentials.newBuilder()
            .keyManager(cert.toFile(), key.toFile())
            .trustManager(clientCert.toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
            .build();
    try (ScriptedReplica r = replica(mutual)) {
      Transport withCert =
          tls(Optional.of(cert), Optional.of(new ClientCertificate(clientCert, clientKey)));
      try (PowClient c = PowClient.open(settings(r, withCert))) {
        RemoteAnswer a = c.solve(HASH, EASY, Priority.PRIORITY_INTERACTIVE, 5, p -> {});
        assertTrue(TrialValue.isSolution(a.nonce(), HASH, EASY));
      }
      try (PowClient c = PowClient.open(settings(r, tls(Optional.of(cert), Optional.empty())))) {
        assertThrows(
            ServiceUnavailableException.class,
            () -> c.solve(HASH, EASY, Priority.PRIORITY_INTERACTIVE, 5, p -> {}));
      }
    }
  }

  @Test
  void plaintextClientAtTlsService_saysSo() throws Exception {
    try (ScriptedReplica r = replica(TlsServerCredentials.create(cert.toFile(), key.toFile()));
        PowClient c = PowClient.open(settings(r, new Transport.Plaintext()))) {
      assertMessage(c, "speaks TLS but this client is set to plaintext: give --pow-ca FILE");
    }
  }

  @Test
  void tlsClientAtPlaintextService_saysSo() throws Exception {
    try (ScriptedReplica r = replica(InsecureServerCredentials.create());
        PowClient c = PowClient.open(settings(r, tls(Optional.of(cert), Optional.empty())))) {
      assertMessage(c, "speaks plaintext but this client is set to TLS");
    }
  }

  @Test
  void selfSignedCertificateWithoutCa_saysGiveTheCa() throws Exception {
    try (ScriptedReplica r = replica(TlsServerCredentials.create(cert.toFile(), key.toFile()));
        PowClient c = PowClient.open(settings(r, tls(Optional.empty(), Optional.empty())))) {
      assertMessage(c, "is not trusted");
      assertMessage(c, "circuit open"); // and the next job is refused at once, saying why
    }
  }

  private static void assertMessage(PowClient c, String expected) {
    ServiceUnavailableException e =
        assertThrows(
            ServiceUnavailableException.class,
            () -> c.solve(HASH, EASY, Priority.PRIORITY_INTERACTIVE, 5, p -> {}));
    assertTrue(String.valueOf(e.getMessage()).contains(expected), e.getMessage());
    assertEquals(5, e.resumeNonce());
  }

  private static Transport tls(Optional<Path> ca, Optional<ClientCertificate> client) {
    return new Transport.Tls(ca, client);
  }

  private static ScriptedReplica replica(ServerCredentials creds) throws Exception {
    List<Call> calls = ScriptedReplica.callLog();
    return ScriptedReplica.start("127.0.0.1", n -> Act.ANSWER, calls, creds);
  }

  private static ClientSettings settings(ScriptedReplica r, Transport t) {
    return new ClientSettings(List.of(r.target()), t, Optional.empty(), QUICK);
  }

  private static void openssl(Path certFile, Path keyFile, String subject, String ext)
      throws Exception {
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
                keyFile.toString(),
                "-out",
                certFile.toString(),
                "-days",
                "2",
                "-subj",
                subject,
                "-addext",
                ext)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl did not finish");
    assertEquals(0, p.exitValue(), "openssl req failed (is openssl installed?): " + out);
  }
}
