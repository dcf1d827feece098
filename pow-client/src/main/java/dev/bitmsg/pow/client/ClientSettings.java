package dev.bitmsg.pow.client;

import java.util.List;
import java.util.Optional;

/**
 * Everything a client of the PoW service needs: the service addresses (one or more; each host may
 * stand for several replicas), the transport, the bearer token and the clocks. Immutable; {@link
 * #toString} never shows the token.
 */
public record ClientSettings(
    List<ServiceTarget> targets,
    Transport transport,
    Optional<String> token,
    FailoverTiming timing) {
  public ClientSettings {
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("pow-service: give at least one HOST:PORT");
    }
    token.ifPresent(
        t -> {
          if (t.isBlank()) {
            throw new IllegalArgumentException("pow-token: must not be blank");
          }
        });
  }

  /** Plaintext to the given targets, no token, default clocks: a service on loopback. */
  public static ClientSettings plaintext(List<ServiceTarget> targets) {
    return new ClientSettings(
        targets, new Transport.Plaintext(), Optional.empty(), FailoverTiming.defaults());
  }

  public ClientSettings withToken(Optional<String> t) {
    return new ClientSettings(targets, transport, t, timing);
  }

  public ClientSettings withTiming(FailoverTiming t) {
    return new ClientSettings(targets, transport, token, t);
  }

  /** The targets as the operator wrote them, comma-separated. */
  public String targetList() {
    return String.join(",", targets.stream().map(ServiceTarget::toString).toList());
  }

  @Override
  public String toString() {
    return "ClientSettings["
        + targetList()
        + ", "
        + transport.word()
        + (token.isPresent() ? ", token" : "")
        + "]";
  }
}
