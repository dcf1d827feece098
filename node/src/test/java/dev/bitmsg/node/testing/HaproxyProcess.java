package dev.bitmsg.node.testing;

import dev.bitmsg.node.net.HostPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy from the distribution's package in front of PoW replicas, run in the foreground with the
 * deployment's own configuration ({@code deploy/haproxy/pow.cfg}, addresses from {@code
 * POW_PROXY_BIND} and {@code POW_REPLICA_1..3}) on a free port of 127.0.0.1. Fails, never skips,
 * when haproxy is not installed ({@code ./bm test} installs it). Killed on close.
 */
public final class HaproxyProcess implements AutoCloseable {
  private static final Duration START_LIMIT = Duration.ofSeconds(30);

  private final Process process;
  private final HostPort endpoint;
  private final Path log;

  private HaproxyProcess(Process process, HostPort endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** Starts HAProxy in front of {@code replicas} and waits until it accepts connections. */
  public static HaproxyProcess start(Path dir, List<HostPort> replicas)
      throws IOException, InterruptedException {
    Path haproxy = tool("haproxy");
    Path config = repo().resolve("deploy/haproxy/pow.cfg");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    HostPort bind = new HostPort("127.0.0.1", port);
    Files.createDirectories(dir);
    Path log = dir.resolve("haproxy.log");
    ProcessBuilder pb =
        new ProcessBuilder(haproxy.toString(), "-db", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("POW_PROXY_BIND", bind.toString());
    for (int i = 0; i < replicas.size(); i++) {
      env.put("POW_REPLICA_" + (i + 1), replicas.get(i).toString());
    }
    Process p = pb.start();
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("haproxy exited:\n" + read(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return new HaproxyProcess(p, bind, log);
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("haproxy did not listen on " + bind + ":\n" + read(log));
  }

  /** Where clients connect. */
  public HostPort endpoint() {
    return endpoint;
  }

  public String log() {
    return read(log);
  }

  /** The repository root, from the build's {@code bitmsg.vectors} property (docs/vectors). */
  static Path repo() {
    String vectors = System.getProperty("bitmsg.vectors");
    if (vectors == null) {
      throw new IllegalStateException("bitmsg.vectors is not set (the build sets it)");
    }
    return Path.of(vectors).toAbsolutePath().resolve("../..").normalize();
  }

  private static Path tool(String name) {
    for (String d : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(name + " is not installed (./bm test installs it)");
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
