package dev.bitmsg.pow.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Settings of one PoW service process, validated when built: every problem fails fast with a
 * message naming the option. Immutable.
 *
 * @param listen address and TCP port to listen on (default 127.0.0.1:8446; port 0: any free one)
 * @param engines engine families in order of preference, e.g. [opencl, cpu]
 * @param cpuThreads CPU engine threads, 0 for all cores
 * @param tokensFile bearer tokens (required to listen on a non-loopback address)
 * @param metricsPort port of the Prometheus /metrics endpoint, served on loopback (it names
 *     clients; {@code --metrics ADDR:PORT} puts it elsewhere); empty: off
 * @param tls certificate and key to serve TLS with; empty: plaintext
 * @param limits what the service allows: job size and time, queue cap, retention, connections
 */
public record PowServiceConfig(
    Listen listen,
    List<String> engines,
    int cpuThreads,
    Optional<Path> tokensFile,
    OptionalInt metricsPort,
    Optional<Tls> tls,
    Limits limits) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8446;

  public PowServiceConfig {
    engines = List.copyOf(engines);
    if (engines.isEmpty()) {
      throw new IllegalArgumentException("engines: name at least one engine");
    }
    if (cpuThreads < 0) {
      throw new IllegalArgumentException("cpu-threads: must be >= 0, got " + cpuThreads);
    }
    metricsPort.ifPresent(
        p -> {
          if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("metrics-port: must be 0..65535, got " + p);
          }
        });
    tokensFile.ifPresent(f -> requireReadable("tokens", f));
    InetAddress address;
    try {
      address = InetAddress.getByName(listen.host());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("listen: cannot resolve host '" + listen.host() + "'", e);
    }
    if (!address.isLoopbackAddress() && tokensFile.isEmpty()) {
      throw new IllegalArgumentException(
          "listen: refusing to serve on non-loopback address "
              + listen.host()
              + " without --tokens: anyone who can reach it could use the engines");
    }
  }

  /** Defaults: 127.0.0.1:8446, engines opencl then cpu, no tokens, no metrics, no TLS. */
  public static PowServiceConfig defaults() {
    return new PowServiceConfig(
        new Listen(DEFAULT_HOST, DEFAULT_PORT),
        List.of("opencl", "cpu"),
        0,
        Optional.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        Limits.defaults());
  }

  public PowServiceConfig withListen(String host, int port) {
    return new PowServiceConfig(
        new Listen(host, port), engines, cpuThreads, tokensFile, metricsPort, tls, limits);
  }

  public PowServiceConfig withEngines(List<String> names, int threads) {
    return new PowServiceConfig(listen, names, threads, tokensFile, metricsPort, tls, limits);
  }

  public PowServiceConfig withTokens(Optional<Path> tokens) {
    return new PowServiceConfig(listen, engines, cpuThreads, tokens, metricsPort, tls, limits);
  }

  public PowServiceConfig withMetricsPort(OptionalInt port) {
    return new PowServiceConfig(listen, engines, cpuThreads, tokensFile, port, tls, limits);
  }

  public PowServiceConfig withTls(Optional<Tls> files) {
    return new PowServiceConfig(
        listen, engines, cpuThreads, tokensFile, metricsPort, files, limits);
  }

  public PowServiceConfig withLimits(Limits newLimits) {
    return new PowServiceConfig(
        listen, engines, cpuThreads, tokensFile, metricsPort, tls, newLimits);
  }

  public PowServiceConfig withDetachedGrace(Duration grace) {
    Limits l = limits;
    return withLimits(
        new Limits(
            l.maxJobTime(),
            l.maxExpectedTrials(),
            grace,
            l.maxQueuedJobs(),
            l.retention(),
            l.connections()));
  }

  public PowServiceConfig withMaxJobTime(Duration max) {
    Limits l = limits;
    return withLimits(
        new Limits(
            max,
            l.maxExpectedTrials(),
            l.detachedGrace(),
            l.maxQueuedJobs(),
            l.retention(),
            l.connections()));
  }

  /**
   * Parses {@code host:port}, {@code [v6]:port} or {@code :port} (loopback).
   *
   * @return host and port
   */
  public static Listen parseListen(String spec) {
    int colon = spec.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("listen: expected HOST:PORT, got '" + spec + "'");
    }
    String host = spec.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      host = DEFAULT_HOST;
    }
    int port;
    try {
      port = Integer.parseInt(spec.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("listen: port is not a number in '" + spec + "'", e);
    }
    return new Listen(host, port);
  }

  /** A listen address: host and TCP port (0: any free one). Immutable. */
  public record Listen(String host, int port) {
    public Listen {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("listen: port must be 0..65535, got " + port);
      }
    }
  }

  /**
   * PEM certificate chain and PKCS#8 private key of a TLS server, both readable, and optionally the
   * PEM CA certificates a client must present a certificate from (mutual TLS). Immutable.
   */
  public record Tls(Path cert, Path key, Optional<Path> clientCa) {
    public Tls {
      requireReadable("tls-cert", cert);
      requireReadable("tls-key", key);
      clientCa.ifPresent(f -> requireReadable("tls-client-ca", f));
    }

    public Tls(Path cert, Path key) {
      this(cert, key, Optional.empty());
    }

    /** Both files, or none; one without the other is an error. */
    public static Optional<Tls> of(Optional<Path> cert, Optional<Path> key) {
      return of(cert, key, Optional.empty());
    }

    /** Both files, or none, and the client CA only with them. */
    public static Optional<Tls> of(
        Optional<Path> cert, Optional<Path> key, Optional<Path> clientCa) {
      if (cert.isPresent() != key.isPresent()) {
        throw new IllegalArgumentException("tls-cert and tls-key: give both or neither");
      }
      if (clientCa.isPresent() && cert.isEmpty()) {
        throw new IllegalArgumentException("tls-client-ca: needs --tls-cert and --tls-key");
      }
      return cert.map(c -> new Tls(c, key.orElseThrow(), clientCa));
    }
  }

  /**
   * What the service allows: how long and how big jobs may be, how many may wait, how long finished
   * ones are kept, and what connections may do. Immutable.
   *
   * @param maxJobTime longest any job may run, and the deadline of calls that set none
   * @param maxExpectedTrials requests expecting more trials are refused as absurd
   * @param detachedGrace a submitted job nobody watches is cancelled after this long
   * @param maxQueuedJobs jobs admitted and not yet finished, all clients together ({@code
   *     max-queued-jobs}); one more is refused with RESOURCE_EXHAUSTED
   * @param retention bounds on the finished Submit jobs kept for Watch
   * @param connections the HTTP/2 connection policy
   */
  public record Limits(
      Duration maxJobTime,
      double maxExpectedTrials,
      Duration detachedGrace,
      int maxQueuedJobs,
      JobRetention retention,
      ConnectionLimits connections) {
    public Limits {
      if (maxJobTime.isNegative() || maxJobTime.isZero()) {
        throw new IllegalArgumentException("max-job-time: must be positive, got " + maxJobTime);
      }
      if (!(maxExpectedTrials >= 1)) {
        throw new IllegalArgumentException(
            "max-expected-trials: must be at least 1, got " + maxExpectedTrials);
      }
      if (detachedGrace.isNegative() || detachedGrace.isZero()) {
        throw new IllegalArgumentException(
            "detached-grace: must be positive, got " + detachedGrace);
      }
      if (maxQueuedJobs < 1) {
        throw new IllegalArgumentException(
            "max-queued-jobs: must be at least 1, got " + maxQueuedJobs);
      }
    }

    /** These job limits with the default queue cap, retention and connection policy. */
    public Limits(Duration maxJobTime, double maxExpectedTrials, Duration detachedGrace) {
      this(
          maxJobTime,
          maxExpectedTrials,
          detachedGrace,
          DEFAULT_MAX_QUEUED_JOBS,
          JobRetention.defaults(),
          ConnectionLimits.defaults());
    }

    /** Default {@code max-queued-jobs}. */
    public static final int DEFAULT_MAX_QUEUED_JOBS = 1000;

    /**
     * One hour per job, 10^12 expected trials at most, 60 s grace for unwatched jobs, 1000 jobs
     * queued or running, and the defaults of {@link JobRetention} and {@link ConnectionLimits}.
     */
    public static Limits defaults() {
      return new Limits(Duration.ofHours(1), 1e12, Duration.ofSeconds(60));
    }

    public Limits withMaxQueuedJobs(int max) {
      return new Limits(maxJobTime, maxExpectedTrials, detachedGrace, max, retention, connections);
    }

    public Limits withRetention(JobRetention r) {
      return new Limits(
          maxJobTime, maxExpectedTrials, detachedGrace, maxQueuedJobs, r, connections);
    }

    public Limits withConnections(ConnectionLimits c) {
      return new Limits(maxJobTime, maxExpectedTrials, detachedGrace, maxQueuedJobs, retention, c);
    }
  }

  private static void requireReadable(String key, Path f) {
    if (!Files.isReadable(f)) {
      throw new IllegalArgumentException(key + ": cannot read " + f);
    }
  }
}
