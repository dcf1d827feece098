package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.service.EngineSetup;
import dev.bitmsg.pow.service.HealthEndpoint;
import dev.bitmsg.pow.service.PowGrpcServer;
import dev.bitmsg.pow.service.PowServiceConfig;
import dev.bitmsg.pow.service.ServerTransport;
import dev.bitmsg.pow.service.auth.TokensFile;
import dev.bitmsg.pow.service.status.StatusPage;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./bm pow-service}: runs the gRPC proof-of-work service until interrupted. */
@Command(
    name = "pow-service",
    mixinStandardHelpOptions = true,
    description = "Run the gRPC proof-of-work service (prints its address and engines).")
public final class PowServiceCommand implements Callable<Integer> {
  private final PowRules rules;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "config file: key = value lines, keys = the long option names (default: BM_CONFIG);"
              + " precedence: flag, then environment BM_<OPTION>, then this file, then the default")
  Path configFile;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:8446",
      description =
          "HOST:PORT to serve on (default ${DEFAULT-VALUE}); a non-loopback host needs --tokens")
  String listen;

  @Option(
      names = "--engines",
      split = ",",
      defaultValue = "opencl,cpu",
      description = "engine families to use, all at once (default ${DEFAULT-VALUE})")
  List<String> engines;

  @Option(
      names = "--tokens",
      paramLabel = "FILE",
      description =
          "bearer tokens file: '<token> <client> [weight=N max-jobs=N max-trials-per-job=N trials-per-hour=N]' per line")
  Path tokens;

  @Option(
      names = "--metrics",
      paramLabel = "ADDR:PORT",
      description =
          "serve Prometheus /metrics here, apart from the gRPC address (':9465' is loopback)")
  String metrics;

  @Option(
      names = "--health-listen",
      paramLabel = "ADDR:PORT",
      description =
          "also serve the gRPC health service alone, in plaintext, here: for probes that cannot"
              + " speak TLS or send a token, e.g. Kubernetes gRPC probes (':8447' is loopback)")
  String healthListen;

  @Option(
      names = "--status-http",
      paramLabel = "ADDR:PORT",
      description =
          "serve a read-only status page here (engines, queue, clients' shares, recent jobs; no"
              + " tokens): ':8448' is loopback")
  String statusHttp;

  @Option(
      names = "--metrics-port",
      paramLabel = "N",
      description = "older form of --metrics 127.0.0.1:N: /metrics on this loopback port")
  Integer metricsPort;

  @Option(names = "--tls-cert", description = "PEM certificate chain (with --tls-key)")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM PKCS#8 private key (with --tls-cert)")
  Path tlsKey;

  @Option(
      names = "--tls-client-ca",
      paramLabel = "FILE",
      description =
          "mutual TLS: require a client certificate issued by these PEM CA certificates (with"
              + " --tls-cert)")
  Path tlsClientCa;

  @Mixin LimitOptions limits;

  @Option(
      names = "--cpu-threads",
      defaultValue = "0",
      description = "CPU engine threads, 0 = all cores")
  int cpuThreads;

  /** {@code rules} are the ones the service computes and checks targets by. */
  public PowServiceCommand(PowRules rules) {
    this.rules = rules;
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    PowServiceConfig config;
    Optional<TokensFile> tokensFile;
    Optional<PowServiceConfig.Listen> healthAt;
    try {
      healthAt = Optional.ofNullable(healthListen).map(PowServiceConfig::parseListen);
      PowServiceConfig.Listen l = PowServiceConfig.parseListen(listen);
      config =
          new PowServiceConfig(
              l,
              engines,
              cpuThreads,
              Optional.ofNullable(tokens),
              metricsPort == null ? OptionalInt.empty() : OptionalInt.of(metricsPort),
              PowServiceConfig.Tls.of(
                  Optional.ofNullable(tlsCert),
                  Optional.ofNullable(tlsKey),
                  Optional.ofNullable(tlsClientCa)),
              limits.limits(Duration.ofSeconds(60)));
      tokensFile = tokens == null ? Optional.empty() : Optional.of(TokensFile.read(tokens));
      if (metrics != null && metricsPort != null) {
        throw new IllegalArgumentException("give --metrics or --metrics-port, not both");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("pow-service: " + e.getMessage());
      return 2;
    }
    EngineSetup setup;
    try {
      setup = EngineSetup.probe(config.engines(), new EngineOptions(config.cpuThreads()));
    } catch (IllegalArgumentException e) {
      System.err.println("pow-service: " + e.getMessage());
      return 2;
    }
    for (String p : setup.problems()) {
      out.println("pow-service: not using " + p);
    }
    if (setup.scanners().isEmpty()) {
      System.err.println("pow-service: no usable engine among " + config.engines());
      return 1;
    }
    PowGrpcServer server = start(config, tokensFile, setup.scanners(), rules);
    Optional<HealthEndpoint> health = Optional.empty();
    if (healthAt.isPresent()) {
      health = Optional.of(HealthEndpoint.start(healthAt.get(), server.health()));
    }
    Optional<HealthEndpoint> healthEndpoint = health;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  healthEndpoint.ifPresent(HealthEndpoint::close);
                  server.close();
                  stopped.countDown();
                },
                "pow-service-shutdown"));
    String scheme =
        config.tls().isEmpty()
            ? "plaintext"
            : config.tls().get().clientCa().isPresent() ? "mutual TLS" : "TLS";
    printLine(
        out,
        Locale.ROOT,
        "pow-service: serving bitmessage.pow.v1.ProofOfWork on %s:%d (%s%s)%n",
        config.listen().host(),
        server.port(),
        scheme,
        tokensFile.isPresent() ? ", bearer tokens" : "");
    for (NonceScanner s : setup.scanners()) {
      printLine(
          out,
          Locale.ROOT,
          "pow-service: engine %s (%d trials per pass)%n",
          s.name(),
          s.trialsPerPass());
    }
    healthEndpoint.ifPresent(
        h ->
            printLine(
                out,
                Locale.ROOT,
                "pow-service: health alone on %s:%d (plaintext)%n",
                healthAt.get().host(),
                h.port()));
    Optional<PowServiceConfig.Listen> metricsAt = metricsAddress(config);
    if (metricsAt.isPresent()) {
      String host = metricsAt.get().host();
      int mp = server.metrics().withProcessMetrics().serve(host, metricsAt.get().port());
      printLine(out, Locale.ROOT, "pow-service: metrics on http://%s:%d/metrics%n", host, mp);
    }
    if (statusHttp != null) {
      PowServiceConfig.Listen at = PowServiceConfig.parseListen(statusHttp);
      StatusPage page = StatusPage.start(server.scheduler(), at.host(), at.port());
      Runtime.getRuntime().addShutdownHook(new Thread(page::close, "pow-status-stop"));
      printLine(
          out, Locale.ROOT, "pow-service: status page on http://%s:%d/%n", at.host(), page.port());
    }
    int passed = server.awaitReady(5, TimeUnit.MINUTES);
    printLine(
        out,
        Locale.ROOT,
        "pow-service: %d of %d engines passed the self-test; health %s%n",
        passed,
        setup.scanners().size(),
        passed > 0 ? "SERVING" : "NOT_SERVING");
    out.flush();
    stopped.await();
    return passed > 0 ? 0 : 1;
  }

  /**
   * Where /metrics is served, if anywhere: {@code --metrics ADDR:PORT} ({@code :PORT} is loopback),
   * else {@code --metrics-port N} on loopback. Never the gRPC host by default: the metrics name
   * clients and have no authentication.
   */
  Optional<PowServiceConfig.Listen> metricsAddress(PowServiceConfig config) {
    if (metrics != null) {
      return Optional.of(PowServiceConfig.parseListen(metrics));
    }
    return config.metricsPort().stream()
        .mapToObj(p -> new PowServiceConfig.Listen(PowServiceConfig.DEFAULT_HOST, p))
        .findFirst();
  }

  /**
   * One formatted line in one write: {@code PrintStream.printf} writes each piece of the format
   * separately (System.out flushes after every write), so a log line on stderr, merged into the
   * same pipe by a supervisor, could land inside the address a launcher parses.
   */
  private static void printLine(PrintStream out, Locale locale, String format, Object... args) {
    out.print(String.format(locale, format, args));
    out.flush();
  }

  /** Builds and starts a server on the configured address (used by the bench too). */
  static PowGrpcServer start(
      PowServiceConfig config,
      Optional<TokensFile> tokens,
      List<NonceScanner> scanners,
      PowRules rules)
      throws IOException {
    NettyServerBuilder builder = ServerTransport.netty(config);
    return new PowGrpcServer(builder, config, tokens, scanners, rules).start();
  }
}
