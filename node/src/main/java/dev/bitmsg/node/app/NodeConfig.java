package dev.bitmsg.node.app;

import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.OnionName;
import dev.bitmsg.node.net.PeerSettings;
import dev.bitmsg.node.net.PrivacySettings;
import dev.bitmsg.pow.client.ClientSettings;
import dev.bitmsg.pow.client.FailoverTiming;
import dev.bitmsg.pow.client.ServiceTarget;
import dev.bitmsg.pow.client.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a node needs to run, validated on construction with messages naming the key; nothing
 * is clamped silently. Immutable.
 *
 * @param dataDir directory of the database ({@code node.db})
 * @param listen address to listen on; empty means client-only (outbound connections only)
 * @param connect when non-empty, the only peers dialled ({@code --connect})
 * @param bootstrap whether the built-in bootstrap nodes may be dialled
 * @param powService the remote PoW service for the node's own objects (falls back to the CPU when
 *     no replica is usable); empty: the node's CPU does the work
 * @param peers connection limits and timers
 * @param cleanupInterval how often expired objects are deleted
 * @param privacy SOCKS5 proxy, onion service, Dandelion and traffic limits
 */
public record NodeConfig(
    Path dataDir,
    Optional<HostPort> listen,
    List<HostPort> connect,
    boolean bootstrap,
    Optional<PowService> powService,
    PeerSettings peers,
    Duration cleanupInterval,
    PrivacySettings privacy) {

  public static final int DEFAULT_PORT = 8444;

  /**
   * The remote PoW service: one or more addresses (each host may stand for several replicas), the
   * bearer token, the transport and the failover clocks. Immutable; never shows the token.
   *
   * @param endpoints where the service listens ({@code --pow-service}, repeatable)
   * @param token the bearer token ({@code --pow-token-file}, {@code BM_POW_TOKEN}, {@code
   *     --pow-token}); empty for a service without tokens
   * @param transport plaintext or TLS ({@code --pow-ca}, {@code --pow-cert}/{@code --pow-key},
   *     {@code --pow-tls}, {@code --pow-plaintext})
   * @param timing progress, stall, breaker and keepalive clocks of the client
   */
  public record PowService(
      List<HostPort> endpoints,
      Optional<String> token,
      Transport transport,
      FailoverTiming timing) {
    public PowService {
      endpoints = List.copyOf(endpoints);
      if (endpoints.isEmpty()) {
        throw new IllegalArgumentException("pow-service: give at least one HOST:PORT");
      }
      for (HostPort e : endpoints) {
        if (e.port() == 0) {
          throw new IllegalArgumentException("pow-service: port must be 1..65535 in " + e);
        }
      }
      if (token.isPresent() && token.get().isBlank()) {
        throw new IllegalArgumentException("pow-token must not be blank");
      }
    }

    /** One service with a token: plaintext on loopback, TLS with the system roots elsewhere. */
    public PowService(HostPort endpoint, String token) {
      this(
          List.of(endpoint),
          Optional.of(token),
          Transport.choose(
              targets(List.of(endpoint)), Optional.empty(), Optional.empty(), false, false),
          FailoverTiming.defaults());
    }

    /** The same service with other client clocks (tests make the breaker or stalls quicker). */
    public PowService withTiming(FailoverTiming t) {
      return new PowService(endpoints, token, transport, t);
    }

    /** The settings of the node's PoW client. */
    public ClientSettings clientSettings() {
      return new ClientSettings(targets(endpoints), transport, token, timing);
    }

    static List<ServiceTarget> targets(List<HostPort> endpoints) {
      return endpoints.stream().map(e -> new ServiceTarget(e.host(), e.port())).toList();
    }

    @Override
    public String toString() {
      return "PowService[" + endpoints + ", " + transport.word() + "]"; // never the token
    }
  }

  /** A config without privacy options ({@link PrivacySettings#defaults()}). */
  public NodeConfig(
      Path dataDir,
      Optional<HostPort> listen,
      List<HostPort> connect,
      boolean bootstrap,
      Optional<PowService> powService,
      PeerSettings peers,
      Duration cleanupInterval) {
    this(
        dataDir,
        listen,
        connect,
        bootstrap,
        powService,
        peers,
        cleanupInterval,
        PrivacySettings.defaults());
  }

  public NodeConfig {
    connect = List.copyOf(connect);
    for (HostPort hp : connect) {
      if (hp.port() == 0) {
        throw new IllegalArgumentException("connect: port must be 1..65535 in " + hp);
      }
      if (OnionName.isOnion(hp.host())) {
        if (privacy.socks5().isEmpty()) {
          throw new IllegalArgumentException(
              "connect: " + hp + " is an onion service: it needs --socks5 (Tor)");
        }
        OnionName.parse(hp.host());
      } else if (privacy.onionOnly()) {
        throw new IllegalArgumentException(
            "connect: " + hp + " is not an onion service and --onion-only is set");
      }
    }
    if (listen.isEmpty() && connect.isEmpty() && !bootstrap && peers.maxOutbound() == 0) {
      throw new IllegalArgumentException(
          "client-only with no connect peers, no bootstrap and max outbound 0 can reach nobody");
    }
    if (cleanupInterval.isNegative() || cleanupInterval.isZero()) {
      throw new IllegalArgumentException(
          "cleanupInterval must be positive, got " + cleanupInterval);
    }
  }

  /** This config with other privacy settings. */
  public NodeConfig withPrivacy(PrivacySettings p) {
    return new NodeConfig(
        dataDir, listen, connect, bootstrap, powService, peers, cleanupInterval, p);
  }

  public boolean clientOnly() {
    return listen.isEmpty();
  }

  public Path databaseFile() {
    return dataDir.resolve("node.db");
  }
}
