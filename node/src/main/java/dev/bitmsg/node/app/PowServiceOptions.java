package dev.bitmsg.node.app;

import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.pow.client.ClientCertificate;
import dev.bitmsg.pow.client.FailoverTiming;
import dev.bitmsg.pow.client.Transport;
import dev.bitmsg.settings.SecretFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options of {@code bm node} that point it at a remote PoW service: addresses, token, TLS.
 * Picocli fills the fields; {@link #service} checks them together.
 */
final class PowServiceOptions {
  @Option(
      names = "--pow-service",
      paramLabel = "HOST:PORT",
      split = ",",
      description =
          "Remote PoW service for sending (msg, ack, pubkey, getpubkey, broadcast). Repeatable (or"
              + " comma-separated); a name with several addresses counts as several replicas. Jobs"
              + " are balanced over the healthy replicas, move to another one when theirs dies or"
              + " hangs, and fall back to the embedded CPU engine when none is usable.")
  List<String> endpoints = new ArrayList<>();

  @Option(
      names = "--pow-token",
      paramLabel = "T",
      description =
          "Token for --pow-service (visible in ps: prefer --pow-token-file or BM_POW_TOKEN).")
  @Nullable String token;

  @Option(
      names = "--pow-token-file",
      paramLabel = "FILE",
      description = "File whose first line is the token for --pow-service.")
  @Nullable Path tokenFile;

  @Option(
      names = "--pow-ca",
      paramLabel = "FILE",
      description =
          "PEM certificate(s) to trust for the PoW service (its self-signed certificate or CA);"
              + " implies TLS. Without it TLS trusts the system roots.")
  @Nullable Path ca;

  @Option(
      names = "--pow-cert",
      paramLabel = "FILE",
      description = "PEM client certificate for mutual TLS with the PoW service (with --pow-key).")
  @Nullable Path cert;

  @Option(
      names = "--pow-key",
      paramLabel = "FILE",
      description = "PEM PKCS#8 private key of --pow-cert.")
  @Nullable Path key;

  @Option(
      names = "--pow-tls",
      description =
          "TLS to the PoW service even on loopback (default: TLS unless every --pow-service is a"
              + " loopback address).")
  boolean tls;

  @Option(
      names = "--pow-plaintext",
      description =
          "Plaintext to the PoW service even off loopback (a trusted link only: the token"
              + " crosses it in clear).")
  boolean plaintext;

  /** The token: {@code --pow-token}, else the first line of {@code --pow-token-file}. */
  Optional<String> token() {
    if (token != null) {
      return Optional.of(token);
    }
    return Optional.ofNullable(tokenFile).map(f -> SecretFile.read("pow-token-file", f));
  }

  /**
   * The service these options describe, or empty without {@code --pow-service}.
   *
   * @throws IllegalArgumentException for options that do not fit together, naming them
   */
  Optional<NodeConfig.PowService> service() {
    if (endpoints.isEmpty()) {
      if (token != null || tokenFile != null || ca != null || cert != null || key != null) {
        throw new IllegalArgumentException(
            "pow-token, pow-token-file, pow-ca, pow-cert and pow-key need --pow-service");
      }
      return Optional.empty();
    }
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("pow-cert and pow-key: give both or neither");
    }
    List<HostPort> list = endpoints.stream().map(String::strip).map(HostPort::parse).toList();
    Optional<ClientCertificate> clientCert =
        cert == null || key == null
            ? Optional.empty()
            : Optional.of(new ClientCertificate(cert, key));
    Transport transport =
        Transport.choose(
            NodeConfig.PowService.targets(list),
            Optional.ofNullable(ca),
            clientCert,
            tls,
            plaintext);
    return Optional.of(
        new NodeConfig.PowService(list, token(), transport, FailoverTiming.defaults()));
  }
}
