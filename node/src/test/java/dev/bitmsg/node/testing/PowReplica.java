package dev.bitmsg.node.testing;

import com.google.protobuf.ByteString;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.pow.v1.EngineInfo;
import dev.bitmsg.pow.v1.GetInfoRequest;
import dev.bitmsg.pow.v1.GetInfoResponse;
import dev.bitmsg.pow.v1.Priority;
import dev.bitmsg.pow.v1.ProofOfWorkGrpc;
import dev.bitmsg.pow.v1.QueueDepth;
import dev.bitmsg.pow.v1.SolveEvent;
import dev.bitmsg.pow.v1.SolveRequest;
import dev.bitmsg.pow.v1.SolveStreamRequest;
import io.grpc.ChannelCredentials;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One replica of the real PoW service ({@code PowMain pow-service}) in a child JVM on a loopback
 * address of its own (127.0.0.N), CPU engine with one thread, a tokens file, optionally TLS: what
 * the balancing, failover and proxy tests run three of. It can be killed (SIGKILL), stopped
 * (SIGSTOP: the process hangs with its connections open) and continued; {@link #openJobs} reads its
 * queue through GetInfo, so a test finds the replica working on a job. The node has no Maven
 * dependency on the service: it runs from the service module's build output, found through the
 * {@code bitmsg.powService.home} system property. Killed on close and at JVM exit.
 */
public final class PowReplica implements AutoCloseable {
  public static final String TOKEN = "replica-tests-0123456789abcdef";
  private static final Duration READY_LIMIT = Duration.ofMinutes(2);
  private static final Pattern SERVING =
      Pattern.compile("pow-service: serving \\S+ on ([0-9.]+):(\\d+) ");
  private static final Pattern READY =
      Pattern.compile("pow-service: (\\d+) of \\d+ engines passed the self-test; health (\\w+)");

  /** TLS files of a replica: its certificate and key (the certificate doubles as the CA). */
  public record Tls(Path cert, Path key) {}

  private final Process process;
  private final Path log;
  private final HostPort endpoint;
  private final Thread hook;
  private final ManagedChannel channel;

  private PowReplica(Process process, Path log, HostPort endpoint, Optional<Tls> tls, Thread hook) {
    this.process = process;
    this.log = log;
    this.endpoint = endpoint;
    this.hook = hook;
    ChannelCredentials creds;
    try {
      creds =
          tls.isEmpty()
              ? InsecureChannelCredentials.create()
              : TlsChannelCredentials.newBuilder().trustManager(tls.get().cert().toFile()).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.channel = Grpc.newChannelBuilder(endpoint.toString(), creds).build();
  }

  /** Launches replicas on each of {@code hosts} at once and waits until all serve. */
  public static List<PowReplica> startAll(Path dir, Optional<Tls> tls, String... hosts) {
    List<Launch> launches = new ArrayList<>();
    for (String h : hosts) {
      launches.add(launch(dir.resolve("replica-" + h), h, tls));
    }
    List<PowReplica> out = new ArrayList<>();
    for (Launch l : launches) {
      out.add(l.awaitReady(tls));
    }
    for (PowReplica r : out) {
      r.warm();
    }
    return out;
  }

  /**
   * Runs the paths a balancing client's first contact takes (connection, health check, GetInfo) a
   * few times, so that they are compiled before the tests' clients connect. A cold replica JVM
   * answers a new client's health check much later than a warm one: on a loaded machine the first
   * replica to answer took every job of a short scenario while the other two were still getting
   * their first health answer out.
   */
  private void warm() {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
    for (int i = 0; i < 20; i++) {
      health
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.newBuilder().setService(ProofOfWorkGrpc.SERVICE_NAME).build());
      openJobs();
    }
  }

  private record Launch(Process process, Path log, Thread hook) {
    PowReplica awaitReady(Optional<Tls> tls) {
      long deadline = System.nanoTime() + READY_LIMIT.toNanos();
      while (true) {
        String out = read(log);
        Matcher ready = READY.matcher(out);
        if (ready.find()) {
          Matcher serving = SERVING.matcher(out);
          if (!ready.group(2).equals("SERVING") || !serving.find()) {
            process.destroyForcibly();
            throw new IllegalStateException("PoW replica not usable:\n" + out);
          }
          HostPort hp = new HostPort(serving.group(1), Integer.parseInt(serving.group(2)));
          return new PowReplica(process, log, hp, tls, hook);
        }
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("PoW replica did not start:\n" + out);
        }
        sleep(100);
      }
    }
  }

  private static Launch launch(Path dir, String host, Optional<Tls> tls) {
    Path home = home();
    try {
      Files.createDirectories(dir);
      Path tokens = dir.resolve("tokens");
      Files.writeString(tokens, TOKEN + " replica-tests\n", StandardCharsets.UTF_8);
      Path log = dir.resolve("pow-service.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String cp = home.resolve("classes") + File.pathSeparator + home.resolve("lib") + "/*";
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  java,
                  "--add-modules",
                  "jdk.incubator.vector",
                  "-Dbitmsg.pow.cpuKernel=digest",
                  "-cp",
                  cp,
                  "dev.bitmsg.pow.cli.PowMain",
                  "pow-service",
                  "--listen",
                  host + ":0",
                  "--engines",
                  "cpu",
                  "--cpu-threads",
                  "1",
                  "--tokens",
                  tokens.toString(),
                  "--max-job-seconds",
                  "600"));
      if (tls.isPresent()) {
        cmd.addAll(
            List.of(
                "--tls-cert",
                tls.get().cert().toString(),
                "--tls-key",
                tls.get().key().toString()));
      }
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Thread hook = new Thread(p::destroyForcibly, "pow-replica-test-kill");
      Runtime.getRuntime().addShutdownHook(hook);
      return new Launch(p, log, hook);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a PoW replica from " + home, e);
    }
  }

  /** The service module's build output (classes/ and lib/), from the surefire property. */
  static Path home() {
    String prop = System.getProperty("bitmsg.powService.home");
    Path home = (prop != null ? Path.of(prop) : Path.of("..", "pow-service", "target"));
    home = home.toAbsolutePath().normalize();
    if (!Files.isRegularFile(home.resolve("classes/dev/bitmsg/pow/cli/PowMain.class"))
        || !Files.isDirectory(home.resolve("lib"))) {
      throw new IllegalStateException(
          "the PoW service is not built at "
              + home
              + ": build the reactor first (`mvn package -DskipTests` at the repository root)");
    }
    return home;
  }

  public HostPort endpoint() {
    return endpoint;
  }

  /** {@code remote HOST:PORT}: how a node names work this replica did. */
  public String remoteName() {
    return "remote " + endpoint;
  }

  /** Jobs queued or running here now, over all clients (GetInfo). */
  public int openJobs() {
    GetInfoResponse info =
        stub().withDeadlineAfter(10, TimeUnit.SECONDS).getInfo(GetInfoRequest.getDefaultInstance());
    int n = 0;
    for (QueueDepth q : info.getQueuesList()) {
      n += q.getQueued() + q.getRunning();
    }
    return n;
  }

  /** Trials its engines have scanned since it started (GetInfo). */
  public long trialsTotal() {
    GetInfoResponse info =
        stub().withDeadlineAfter(10, TimeUnit.SECONDS).getInfo(GetInfoRequest.getDefaultInstance());
    long n = 0;
    for (EngineInfo e : info.getEnginesList()) {
      n += e.getTrialsTotal();
    }
    return n;
  }

  /**
   * Holds a search of about 10^11 trials under the test token as one open SolveStream call: the
   * service serves one client's jobs of a class in arrival order, so a node's next job sent here
   * waits behind it. Closing the returned handle cancels the call (and with it the search).
   */
  public AutoCloseable holdBlocker() {
    byte[] h = new byte[64];
    Arrays.fill(h, (byte) 0x42);
    SolveStreamRequest request =
        SolveStreamRequest.newBuilder()
            .setSolve(
                SolveRequest.newBuilder()
                    .setInitialHash(ByteString.copyFrom(h))
                    .setTarget(184_467_440L)
                    .setPriority(Priority.PRIORITY_INTERACTIVE))
            .build();
    Context.CancellableContext call = Context.current().withCancellation();
    call.run(
        () ->
            ProofOfWorkGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer()))
                .solveStream(
                    request,
                    new StreamObserver<SolveEvent>() {
                      @Override
                      public void onNext(SolveEvent value) {}

                      @Override
                      public void onError(Throwable t) {}

                      @Override
                      public void onCompleted() {}
                    }));
    return () -> call.cancel(null);
  }

  private ProofOfWorkGrpc.ProofOfWorkBlockingStub stub() {
    return ProofOfWorkGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer()));
  }

  private static Metadata bearer() {
    Metadata m = new Metadata();
    m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
    return m;
  }

  /** SIGKILL: the process dies, its connections are reset. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGSTOP: the process hangs, its connections stay open and silent. */
  public void stop() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT after {@link #stop}. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process k = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
    if (!k.waitFor(10, TimeUnit.SECONDS) || k.exitValue() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  public String log() {
    return read(log);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    if (process.isAlive()) {
      try {
        signal("CONT"); // a stopped process ignores SIGTERM until continued
      } catch (IOException | InterruptedException | IllegalStateException e) {
        // it is killed below anyway
      }
    }
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IllegalStateException e) {
      // the JVM is shutting down already
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
