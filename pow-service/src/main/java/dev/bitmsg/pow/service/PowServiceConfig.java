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
 * @param host address to listen on (default 127.0.0.1)
 * @param port TCP port, 0 for any free one
 * @param engines engine families in order of preference, e.g. [opencl, cpu]
 * @param tokensFile bearer tokens (required to listen on a non-loopback address)
 * @param metricsPort port of the Prometheus /metrics endpoint, served on {@code host}; empty: off
 * @param tlsCert PEM certificate chain; set together with {@code tlsKey}
 * @param tlsKey PEM private key (PKCS#8)
 * @param maxJobTime longest any job may run, and the deadline of calls that set none
 * @param maxExpectedTrials requests expecting more trials are refused as absurd
 * @param detachedGrace a submitted job nobody watches is cancelled after this long
 * @param cpuThreads CPU engine threads, 0 for all cores
 */
public record PowServiceConfig(
    String host,
    int port,
    List<String> engines,
    Optional<Path> tokensFile,
    OptionalInt metricsPort,
    Optional<Path> tlsCert,
    Optional<Path> tlsKey,
    Duration maxJobTime,
    double maxExpectedTrials,
    Duration detachedGrace,
    int cpuThreads) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8446;

  public PowServiceConfig {
    engines = List.copyOf(engines);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("listen: port must be 0..65535, got " + port);
    }
    if (engines.isEmpty()) {
      throw new IllegalArgumentException("engines: name at least one engine");
    }
    metricsPort.ifPresent(
        p -> {
          if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("metrics-port: must be 0..65535, got " + p);
          }
        });
    if (tlsCert.isPresent() != tlsKey.isPresent()) {
      throw new IllegalArgumentException("tls-cert and tls-key: give both or neither");
    }
    tokensFile.ifPresent(f -> requireReadable("tokens", f));
    tlsCert.ifPresent(f -> requireReadable("tls-cert", f));
    tlsKey.ifPresent(f -> requireReadable("tls-key", f));
    if (maxJobTime.isNegative() || maxJobTime.isZero()) {
      throw new IllegalArgumentException("max-job-time: must be positive, got " + maxJobTime);
    }
    if (!(maxExpectedTrials >= 1)) {
      throw new IllegalArgumentException(
          "max-expected-trials: must be at least 1, got " + maxExpectedTrials);
    }
    if (detachedGrace.isNegative() || detachedGrace.isZero()) {
      throw new IllegalArgumentException("detached-grace: must be positive, got " + detachedGrace);
    }
    if (cpuThreads < 0) {
      throw new IllegalArgumentException("cpu-threads: must be >= 0, got " + cpuThreads);
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("listen: cannot resolve host '" + host + "'", e);
    }
    if (!address.isLoopbackAddress() && tokensFile.isEmpty()) {
      throw new IllegalArgumentException(
          "listen: refusing to serve on non-loopback address "
              + host
              + " without --tokens: anyone who can reach it could use the engines");
    }
  }

  /** Defaults: 127.0.0.1:8446, engines opencl then cpu, no tokens, no metrics, no TLS. */
  public static PowServiceConfig defaults() {
    return new PowServiceConfig(
        DEFAULT_HOST,
        DEFAULT_PORT,
        List.of("opencl", "cpu"),
        Optional.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        Optional.empty(),
        Duration.ofHours(1),
        1e12,
        Duration.ofSeconds(60),
        0);
  }

  public PowServiceConfig withListen(String host, int port) {
    return new PowServiceConfig(
        host,
        port,
        engines,
        tokensFile,
        metricsPort,
        tlsCert,
        tlsKey,
        maxJobTime,
        maxExpectedTrials,
        detachedGrace,
        cpuThreads);
  }

  public PowServiceConfig withTokens(Optional<Path> tokens) {
    return new PowServiceConfig(
        host,
        port,
        engines,
        tokens,
        metricsPort,
        tlsCert,
        tlsKey,
        maxJobTime,
        maxExpectedTrials,
        detachedGrace,
        cpuThreads);
  }

  public PowServiceConfig withDetachedGrace(Duration grace) {
    return new PowServiceConfig(
        host,
        port,
        engines,
        tokensFile,
        metricsPort,
        tlsCert,
        tlsKey,
        maxJobTime,
        maxExpectedTrials,
        grace,
        cpuThreads);
  }

  public PowServiceConfig withMaxJobTime(Duration max) {
    return new PowServiceConfig(
        host,
        port,
        engines,
        tokensFile,
        metricsPort,
        tlsCert,
        tlsKey,
        max,
        maxExpectedTrials,
        detachedGrace,
        cpuThreads);
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

  /** A parsed listen address. Immutable. */
  public record Listen(String host, int port) {}

  private static void requireReadable(String key, Path f) {
    if (!Files.isReadable(f)) {
      throw new IllegalArgumentException(key + ": cannot read " + f);
    }
  }
}
