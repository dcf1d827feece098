package dev.bitmsg.pow.scale;

import dev.bitmsg.pow.client.ServiceTarget;
import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAProxy in front of the replicas, run in the foreground from the deployment's own configuration
 * ({@code deploy/haproxy/pow.cfg}), which takes its addresses from the environment: {@code
 * POW_PROXY_BIND} and {@code POW_REPLICA_1..N}. Listens on a free loopback port. Not thread-safe.
 */
final class HaproxyProcess implements AutoCloseable {
  private static final Pattern REPLICA_VAR = Pattern.compile("\\$\\{POW_REPLICA_(\\d+)}");

  private final Process process;
  private final ServiceTarget target;
  private final Path log;

  private HaproxyProcess(Process process, ServiceTarget target, Path log) {
    this.process = process;
    this.target = target;
    this.log = log;
  }

  /** How many replicas {@code config} names ({@code POW_REPLICA_n} variables). */
  static int replicaSlots(Path config) throws IOException {
    Matcher m = REPLICA_VAR.matcher(Files.readString(config, StandardCharsets.UTF_8));
    int max = 0;
    while (m.find()) {
      max = Math.max(max, Integer.parseInt(m.group(1)));
    }
    return max;
  }

  /**
   * Starts {@code haproxy -f config -db} in front of {@code replicas} and waits until it accepts
   * connections.
   *
   * @throws IOException when haproxy is missing or does not start
   */
  static HaproxyProcess start(Path config, List<ServiceTarget> replicas, Path dir)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ServiceTarget bind = new ServiceTarget("127.0.0.1", port);
    Path log = dir.resolve("haproxy.log");
    ProcessBuilder pb =
        new ProcessBuilder("haproxy", "-f", config.toString(), "-db")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("POW_PROXY_BIND", bind.toString());
    for (int i = 0; i < replicas.size(); i++) {
      env.put("POW_REPLICA_" + (i + 1), replicas.get(i).toString());
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException(
          "cannot run haproxy (install it: apt-get install haproxy): " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("haproxy exited: " + Files.readString(log, StandardCharsets.UTF_8));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return new HaproxyProcess(p, bind, log);
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    p.destroyForcibly();
    throw new IOException("haproxy did not listen on " + bind + " within 30 s");
  }

  /** Where clients connect. */
  ServiceTarget target() {
    return target;
  }

  Path log() {
    return log;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
