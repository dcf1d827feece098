package dev.bitmsg.node.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@code openssl s_server} or {@code s_client} process on loopback configured as PyBitmessage
 * configures OpenSSL (TLS 1.2, AECDH-AES256-SHA, secp256k1; PROTOCOL.md 3.3): an implementation
 * independent of the node's. Its stdin is sent inside TLS and what it receives inside TLS comes out
 * raw on stdout ({@code -quiet}: no other output there). A test that needs OpenSSL fails when the
 * binary is missing, never skips: {@code ./bm test} installs it with the other test packages. Not
 * thread-safe.
 */
public final class Openssl implements AutoCloseable {
  static final String CIPHER = "AECDH-AES256-SHA@SECLEVEL=0";

  private static final String MISSING =
      "this test needs the openssl program (Debian package openssl, installed by ./bm test)";

  private final Process process;
  private final Path errors;

  private Openssl(List<String> command) throws IOException {
    errors = Files.createTempFile("openssl", ".err");
    try {
      process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    } catch (IOException e) {
      Files.deleteIfExists(errors);
      throw new IOException(MISSING + ": " + e.getMessage(), e);
    }
  }

  /** A free loopback port (closed again; a small race is acceptable on loopback). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code s_server -nocert} accepting one connection on 127.0.0.1:{@code port}. */
  public static Openssl server(int port, String groups) throws IOException {
    return new Openssl(
        List.of(
            "openssl",
            "s_server",
            "-nocert",
            "-tls1_2",
            "-cipher",
            CIPHER,
            "-curves",
            groups,
            "-accept",
            "127.0.0.1:" + port,
            "-naccept",
            "1",
            "-quiet"));
  }

  /**
   * {@code s_client} dialling 127.0.0.1:{@code port}. Always capped at TLS 1.2: OpenSSL 3 refuses
   * to start as a client with TLS 1.3 enabled and secp256k1 as its only group ("no suitable
   * groups"), the reference node's own limitation on OpenSSL 3 (PROTOCOL.md 3.3).
   */
  public static Openssl client(int port, String groups) throws IOException {
    return new Openssl(
        List.of(
            "openssl",
            "s_client",
            "-connect",
            "127.0.0.1:" + port,
            "-tls1_2",
            "-cipher",
            CIPHER,
            "-curves",
            groups,
            "-quiet"));
  }

  /**
   * {@code s_server} like {@link #server} but also willing to speak TLS 1.3 (PyBitmessage's setup).
   */
  public static Openssl serverAnyVersion(int port, String groups) throws IOException {
    return new Openssl(
        List.of(
            "openssl",
            "s_server",
            "-nocert",
            "-cipher",
            CIPHER,
            "-curves",
            groups,
            "-accept",
            "127.0.0.1:" + port,
            "-naccept",
            "1",
            "-quiet"));
  }

  /** Connects to a server started by {@link #server}, retrying while it is not listening yet. */
  public static Socket connect(int port) throws IOException, InterruptedException {
    for (int i = 0; ; i++) {
      try {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        Socket s = new Socket();
        s.connect(new InetSocketAddress(loopback, port), 2_000);
        return s;
      } catch (ConnectException e) {
        if (i >= 200) {
          throw e;
        }
        Thread.sleep(25);
      }
    }
  }

  public OutputStream stdin() {
    return process.getOutputStream();
  }

  public InputStream stdout() {
    return process.getInputStream();
  }

  public String stderr() {
    try {
      return Files.readString(errors);
    } catch (IOException e) {
      return "(" + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(errors);
  }
}
