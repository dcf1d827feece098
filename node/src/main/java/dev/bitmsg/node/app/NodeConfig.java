package dev.bitmsg.node.app;

import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.PeerSettings;
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
 *     unreachable); empty: the node's CPU does the work
 * @param peers connection limits and timers
 * @param cleanupInterval how often expired objects are deleted
 */
public record NodeConfig(
    Path dataDir,
    Optional<HostPort> listen,
    List<HostPort> connect,
    boolean bootstrap,
    Optional<PowService> powService,
    PeerSettings peers,
    Duration cleanupInterval) {

  public static final int DEFAULT_PORT = 8444;

  /**
   * A remote PoW service and the token the node presents to it. Immutable.
   *
   * @param endpoint where the service listens ({@code --pow-service})
   * @param token the bearer token ({@code --pow-token})
   */
  public record PowService(HostPort endpoint, String token) {
    public PowService {
      if (token.isBlank()) {
        throw new IllegalArgumentException("pow-token must not be blank");
      }
      if (endpoint.port() == 0) {
        throw new IllegalArgumentException("pow-service port must be 1..65535");
      }
    }

    /**
     * The service from the two options, which must be given together.
     *
     * @throws IllegalArgumentException naming the missing one
     */
    public static Optional<PowService> of(Optional<HostPort> endpoint, Optional<String> token) {
      if (endpoint.isPresent() != token.isPresent()) {
        throw new IllegalArgumentException(
            "pow-service and pow-token must be given together (pow-service "
                + (endpoint.isPresent() ? "set" : "missing")
                + ", pow-token "
                + (token.isPresent() ? "set" : "missing")
                + ")");
      }
      return endpoint.map(e -> new PowService(e, token.orElseThrow()));
    }

    @Override
    public String toString() {
      return "PowService[" + endpoint + "]"; // never the token
    }
  }

  public NodeConfig {
    connect = List.copyOf(connect);
    for (HostPort hp : connect) {
      if (hp.port() == 0) {
        throw new IllegalArgumentException("connect: port must be 1..65535 in " + hp);
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

  public boolean clientOnly() {
    return listen.isEmpty();
  }

  public Path databaseFile() {
    return dataDir.resolve("node.db");
  }
}
