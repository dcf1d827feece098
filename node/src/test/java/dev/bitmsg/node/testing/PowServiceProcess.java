package dev.bitmsg.node.testing;

import com.google.protobuf.ByteString;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.pow.v1.CancelRequest;
import dev.bitmsg.pow.v1.Priority;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import dev.bitmsg.pow.v1.SolveRequest;
import dev.bitmsg.pow.v1.SubmitRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The real PoW service ({@code dev.bitmsg.pow.cli.PowMain pow-service}) in a child JVM on a free
 * loopback port, CPU engine, bearer token and Prometheus metrics on. The node has no Maven
 * dependency on the service, so it runs from the service module's build output ({@code
 * pow-service/target/classes} and {@code target/lib}, made by {@code package} in the reactor before
 * the node's tests), found through the {@code bitmsg.powService.home} system property. Ready once
 * the service reports its engine self-test passed. Killed on {@link #close()} and at JVM exit.
 */
public final class PowServiceProcess implements AutoCloseable {
  public static final String TOKEN = "node-tests-0123456789abcdef";
  private static final Duration READY_LIMIT = Duration.ofSeconds(90);
  private static final Pattern SERVING =
      Pattern.compile("pow-service: serving \\S+ on ([0-9.]+):(\\d+) ");
  private static final Pattern METRICS =
      Pattern.compile("pow-service: metrics on (http://\\S+/metrics)");
  private static final Pattern READY =
      Pattern.compile("pow-service: (\\d+) of \\d+ engines passed the self-test; health (\\w+)");
  private static @Nullable PowServiceProcess shared;

  private final Process process;
  private final Path dir;
  private final Thread hook;
  private final HostPort endpoint;
  private final URI metrics;
  private final HttpClient http =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private PowServiceProcess(
      Process process, Path dir, Thread hook, HostPort endpoint, URI metrics) {
    this.process = process;
    this.dir = dir;
    this.hook = hook;
    this.endpoint = endpoint;
    this.metrics = metrics;
  }

  /** One service for the whole test JVM, started on first use; stopped at JVM exit. */
  public static synchronized PowServiceProcess shared() {
    PowServiceProcess s = shared;
    if (s == null || !s.process.isAlive()) {
      s = start();
      shared = s;
    }
    return s;
  }

  /** A service of its own (for tests that kill it), on all cores. */
  public static PowServiceProcess start() {
    Path home = home();
    try {
      Path dir = Files.createTempDirectory("pow-service-test");
      Path tokens = dir.resolve("tokens");
      Files.writeString(tokens, TOKEN + " node-tests\n");
      Path log = dir.resolve("pow-service.log");
      String cp = home.resolve("classes") + File.pathSeparator + home.resolve("lib") + "/*";
      List<String> cmd =
          ChildJvm.command(
              cp,
              "dev.bitmsg.pow.cli.PowMain",
              List.of(
                  "pow-service",
                  "--listen",
                  "127.0.0.1:0",
                  "--engines",
                  "cpu",
                  "--tokens",
                  tokens.toString(),
                  "--metrics-port",
                  "0",
                  "--max-job-seconds",
                  "600"));
      long t0 = System.nanoTime();
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Thread hook = new Thread(() -> stop(p, dir), "pow-service-test-kill");
      Runtime.getRuntime().addShutdownHook(hook);
      PowServiceProcess s = awaitReady(p, dir, log, hook);
      System.out.printf(
          Locale.ROOT,
          "pow-service test process %s ready in %d ms%n",
          s.endpoint,
          (System.nanoTime() - t0) / 1_000_000);
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the PoW service from " + home, e);
    }
  }

  private static Path home() {
    String prop = System.getProperty("bitmsg.powService.home");
    Path home = prop != null ? Path.of(prop) : Path.of("..", "pow-service", "target");
    home = home.toAbsolutePath().normalize();
    if (!Files.isRegularFile(home.resolve("classes/dev/bitmsg/pow/cli/PowMain.class"))
        || !Files.isDirectory(home.resolve("lib"))) {
      throw new IllegalStateException(
          "the PoW service is not built at "
              + home
              + " (classes/ and lib/ needed):"
              + " build the whole reactor first, `mvn package -DskipTests` at the repository root"
              + " (`mvn verify` or `./bm test` do it before the node's tests)");
    }
    return home;
  }

  private static PowServiceProcess awaitReady(Process p, Path dir, Path log, Thread hook)
      throws IOException {
    long deadline = System.nanoTime() + READY_LIMIT.toNanos();
    while (true) {
      String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      Matcher ready = READY.matcher(out);
      if (ready.find()) {
        Matcher serving = SERVING.matcher(out);
        Matcher m = METRICS.matcher(out);
        if (!ready.group(2).equals("SERVING") || !serving.find() || !m.find()) {
          p.destroyForcibly();
          throw new IllegalStateException("PoW service not usable:\n" + out);
        }
        return new PowServiceProcess(
            p,
            dir,
            hook,
            new HostPort(serving.group(1), Integer.parseInt(serving.group(2))),
            URI.create(m.group(1)));
      }
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException(
            (p.isAlive()
                    ? "PoW service not ready within " + READY_LIMIT
                    : "PoW service exited with " + p.exitValue())
                + ":\n"
                + out);
      }
      sleep(50);
    }
  }

  public HostPort endpoint() {
    return endpoint;
  }

  /** The description a node's remote provider gives of this service: {@code remote HOST:PORT}. */
  public String remoteName() {
    return "remote " + endpoint;
  }

  /**
   * Jobs the service finished with an answer so far (its {@code
   * bitmsg_pow_jobs_total{outcome="done"}}).
   */
  public long jobsDone() {
    return (long) metric("bitmsg_pow_jobs_total{outcome=\"done\"}");
  }

  /** Jobs the service is running or has queued now, over all clients. */
  public long jobsOpen() {
    double sum = 0;
    for (String line : scrape()) {
      if (line.startsWith("bitmsg_pow_queue_depth{")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return (long) sum;
  }

  private double metric(String series) {
    for (String line : scrape()) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1));
      }
    }
    return 0;
  }

  private List<String> scrape() {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      return r.body().lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("PoW service metrics at " + metrics, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Submits, under the test token, a search of about 10^11 trials (hours on a CPU) and does not
   * watch it; returns its job id. The service serves one client's jobs of a class in arrival order,
   * so every later job of the test token waits behind this one: a test can hold a node's proof of
   * work on the service for sure, then kill the service or the node. Ends by {@link #cancel}, the
   * death of the service, or after two minutes.
   */
  public String submitBlocker() {
    byte[] h = new byte[64];
    Arrays.fill(h, (byte) 0x42);
    SolveRequest solve =
        SolveRequest.newBuilder()
            .setInitialHash(ByteString.copyFrom(h))
            .setTarget(184_467_440L)
            .setPriority(Priority.PRIORITY_INTERACTIVE)
            .build();
    return call(
        stub ->
            stub.submit(SubmitRequest.newBuilder().setSolve(solve).setTimeoutMs(120_000).build())
                .getJobId());
  }

  public void cancel(String jobId) {
    call(stub -> stub.cancel(CancelRequest.newBuilder().setJobId(jobId).build()));
  }

  private <T> T call(Function<ProofOfWorkGrpc.ProofOfWorkBlockingStub, T> call) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port()).usePlaintext().build();
    try {
      Metadata auth = new Metadata();
      auth.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
      return call.apply(
          ProofOfWorkGrpc.newBlockingStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth))
              .withDeadlineAfter(10, TimeUnit.SECONDS));
    } finally {
      channel.shutdownNow();
    }
  }

  /** SIGKILL, as a crash would: no goodbye to its clients. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return; // the hook stops it
    }
    stop(process, dir);
  }

  /** SIGTERM, SIGKILL if it lingers; then its files go. */
  private static void stop(Process p, Path dir) {
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the PoW service", e);
    }
  }
}
