package dev.bitmsg.pow.scale;

import dev.bitmsg.pow.client.ClientSettings;
import dev.bitmsg.pow.client.PowClient;
import dev.bitmsg.pow.client.ServiceTarget;
import dev.bitmsg.pow.v1.EngineInfo;
import dev.bitmsg.pow.v1.GetInfoRequest;
import dev.bitmsg.pow.v1.GetInfoResponse;
import dev.bitmsg.pow.v1.QueueDepth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PoW service replica of the bench: {@code pow-service} in a child JVM of this program's own
 * runtime and class path, on a loopback address of its own, CPU engine (digest kernel), the bench's
 * tokens. Read through GetInfo (engine trials so far, open jobs) over a direct client; killed with
 * SIGKILL. Thread-safe.
 */
final class ReplicaProcess implements AutoCloseable {
  private static final Pattern SERVING =
      Pattern.compile("pow-service: serving \\S+ on ([0-9.]+):(\\d+) ");
  private static final Pattern READY =
      Pattern.compile("pow-service: (\\d+) of \\d+ engines passed the self-test; health (\\w+)");

  private final Process process;
  private final ServiceTarget target;
  private final PowClient direct;

  private ReplicaProcess(Process process, ServiceTarget target, PowClient direct) {
    this.process = process;
    this.target = target;
    this.direct = direct;
  }

  /** A replica launched and not yet serving. */
  record Starting(Process process, Path log) {
    /** Waits until the replica serves; it then has its address and a direct client. */
    ReplicaProcess awaitReady(Duration limit, String token) throws InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      while (true) {
        String out = read(log);
        Matcher ready = READY.matcher(out);
        if (ready.find()) {
          Matcher serving = SERVING.matcher(out);
          if (!ready.group(2).equals("SERVING") || !serving.find()) {
            process.destroyForcibly();
            throw new IllegalStateException("replica not usable:\n" + out);
          }
          ServiceTarget t = new ServiceTarget(serving.group(1), Integer.parseInt(serving.group(2)));
          return new ReplicaProcess(
              process,
              t,
              PowClient.open(ClientSettings.plaintext(List.of(t)).withToken(Optional.of(token))));
        }
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("replica did not start:\n" + out);
        }
        Thread.sleep(100);
      }
    }
  }

  /** Launches a replica on {@code host} with {@code threads} CPU engine threads. */
  static Starting launch(Path dir, String host, Path tokens, int threads) throws IOException {
    Files.createDirectories(dir);
    Path log = dir.resolve("replica-" + host + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                // One fixed CPU kernel: no background kernel choice switching engines mid-window,
                // so the windows compared see the same engine.
                "-Dbitmsg.pow.cpuKernel=digest",
                "-XX:+IgnoreUnrecognizedVMOptions",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.bitmsg.pow.cli.PowMain",
                "pow-service",
                "--listen",
                host + ":0",
                "--engines",
                "cpu",
                "--cpu-threads",
                Integer.toString(threads),
                "--tokens",
                tokens.toString()));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new Starting(p, log);
  }

  ServiceTarget target() {
    return target;
  }

  /** A client of this replica alone: the direct baseline. */
  PowClient direct() {
    return direct;
  }

  /** Trials its engines scanned since it started. */
  long trialsTotal() {
    long n = 0;
    for (EngineInfo e : info().getEnginesList()) {
      n += e.getTrialsTotal();
    }
    return n;
  }

  /** Jobs queued or running on it now. */
  int openJobs() {
    int n = 0;
    for (QueueDepth q : info().getQueuesList()) {
      n += q.getQueued() + q.getRunning();
    }
    return n;
  }

  private GetInfoResponse info() {
    return direct
        .channel()
        .blocking()
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .getInfo(GetInfoRequest.getDefaultInstance());
  }

  /** SIGKILL. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  boolean alive() {
    return process.isAlive();
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    direct.close();
    kill();
  }
}
