package dev.bitmsg.node.net.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.crypto.bc.BcTlsContexts;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.Openssl;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TLS configuration of {@link BcTlsContexts} against itself and against OpenSSL configured as
 * PyBitmessage configures it, over real loopback sockets.
 */
@NetworkTest
class BcTlsInteropIT {
  private static BcTlsContexts tls;

  @BeforeAll
  static void setUp() {
    tls = BcTlsContexts.create();
  }

  @Test
  void policyKeepsEverythingButAnonAndEcdh() {
    String value = Security.getProperty("jdk.tls.disabledAlgorithms");
    assertFalse(value.matches("(?i).*(^|,)\\s*(anon|ecdh)\\s*(,|$).*"), value);
    // the rest of the JDK's defaults stay in force
    assertEquals(
        true, value.contains("SSLv3") && value.contains("RC4") && value.contains("NULL"), value);
  }

  @Test
  void twoEnginesNegotiateTheReferenceSuite() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> served =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket plain = server.accept();
                    SSLSocket s = tls.layer(plain, false)) {
                  s.startHandshake();
                  byte[] got = s.getInputStream().readNBytes(5);
                  s.getOutputStream().write(got);
                  s.getOutputStream().flush();
                  return s.getSession().getCipherSuite();
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      try (SSLSocket c =
          tls.layer(new Socket(server.getInetAddress(), server.getLocalPort()), true)) {
        c.startHandshake();
        assertEquals(BcTlsContexts.PROTOCOL, c.getSession().getProtocol());
        assertEquals(BcTlsContexts.CIPHER_SUITE, c.getSession().getCipherSuite());
        c.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
        c.getOutputStream().flush();
        assertArrayEquals(
            "hello".getBytes(StandardCharsets.US_ASCII), c.getInputStream().readNBytes(5));
      }
      assertEquals(BcTlsContexts.CIPHER_SUITE, served.get(20, TimeUnit.SECONDS));
    }
  }

  @Test
  void clientTalksToOpensslServer() throws Exception {
    int port = Openssl.freePort();
    try (Openssl server = Openssl.server(port, "secp256k1");
        SSLSocket c = tls.layer(Openssl.connect(port), true)) {
      c.startHandshake();
      assertEquals(BcTlsContexts.CIPHER_SUITE, c.getSession().getCipherSuite());
      c.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
      c.getOutputStream().flush();
      assertArrayEquals("ping\n".getBytes(StandardCharsets.US_ASCII), read(server.stdout(), 5));
      server.stdin().write("pong\n".getBytes(StandardCharsets.US_ASCII));
      server.stdin().flush();
      assertArrayEquals(
          "pong\n".getBytes(StandardCharsets.US_ASCII), c.getInputStream().readNBytes(5));
    }
  }

  @Test
  void serverTalksToOpensslClient() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Openssl client = Openssl.client(listener.getLocalPort(), "secp256k1");
        SSLSocket s = tls.layer(listener.accept(), false)) {
      s.setSoTimeout(20_000);
      s.startHandshake();
      assertEquals(BcTlsContexts.CIPHER_SUITE, s.getSession().getCipherSuite());
      client.stdin().write("ping\n".getBytes(StandardCharsets.US_ASCII));
      client.stdin().flush();
      assertArrayEquals(
          "ping\n".getBytes(StandardCharsets.US_ASCII), s.getInputStream().readNBytes(5));
      s.getOutputStream().write("pong\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      assertArrayEquals("pong\n".getBytes(StandardCharsets.US_ASCII), read(client.stdout(), 5));
    }
  }

  /**
   * An OpenSSL server willing to speak TLS 1.3 (PyBitmessage's setup) settles on TLS 1.2 with us.
   */
  @Test
  void clientSettlesOnTls12WithAServerAllowingTls13() throws Exception {
    int port = Openssl.freePort();
    try (Openssl server = Openssl.serverAnyVersion(port, "secp256k1");
        SSLSocket c = tls.layer(Openssl.connect(port), true)) {
      c.startHandshake();
      assertEquals(BcTlsContexts.PROTOCOL, c.getSession().getProtocol());
      assertEquals(BcTlsContexts.CIPHER_SUITE, c.getSession().getCipherSuite());
      c.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
      c.getOutputStream().flush();
      assertArrayEquals("ping\n".getBytes(StandardCharsets.US_ASCII), read(server.stdout(), 5));
    }
  }

  @Test
  void serverRefusesAClientWithoutSecp256k1() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Openssl client = Openssl.client(listener.getLocalPort(), "prime256v1");
        SSLSocket s = tls.layer(listener.accept(), false)) {
      s.setSoTimeout(20_000);
      IOException refused = assertThrows(IOException.class, s::startHandshake);
      // A refusal, not silence: a read timeout is an IOException too, and would pass for one.
      assertFalse(refused instanceof SocketTimeoutException, "timed out instead: " + refused);
      assertTrue(
          String.valueOf(refused.getMessage()).contains("handshake_failure"), refused::toString);
      Await.until(
          Duration.ofSeconds(20),
          () -> "openssl reports the refusal, stderr:\n" + client.stderr(),
          () -> client.stderr().contains("handshake failure"));
    }
  }

  static byte[] read(InputStream in, int n) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return in.readNBytes(n);
              } catch (IOException e) {
                throw new RuntimeException(e);
              }
            })
        .get(20, TimeUnit.SECONDS);
  }
}
