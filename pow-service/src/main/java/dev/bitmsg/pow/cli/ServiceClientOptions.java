package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.client.ClientCertificate;
import dev.bitmsg.pow.client.ClientSettings;
import dev.bitmsg.pow.client.FailoverTiming;
import dev.bitmsg.pow.client.ServiceTarget;
import dev.bitmsg.pow.client.Transport;
import dev.bitmsg.settings.SecretFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * How a command reaches a running PoW service: the same options as {@code bm node}'s (each also
 * under the node's {@code --pow-} name), for the same client. Picocli fills the fields; {@link
 * #settings} checks them together.
 */
final class ServiceClientOptions {
  @Option(
      names = {"--server", "--pow-service"},
      paramLabel = "HOST:PORT",
      split = ",",
      description =
          "a running PoW service (repeatable, or comma-separated: jobs are balanced over the"
              + " replicas and move when one dies or hangs)")
  List<String> servers = new ArrayList<>();

  @Option(
      names = {"--token", "--pow-token"},
      paramLabel = "T",
      description = "bearer token (visible in ps: prefer --token-file or BM_POW_TOKEN)")
  @Nullable String token;

  @Option(
      names = {"--token-file", "--pow-token-file"},
      paramLabel = "FILE",
      description = "file whose first line is the bearer token")
  @Nullable Path tokenFile;

  @Option(
      names = {"--ca", "--pow-ca"},
      paramLabel = "FILE",
      description = "PEM certificate(s) to trust (a self-signed service certificate); implies TLS")
  @Nullable Path ca;

  @Option(
      names = {"--cert", "--pow-cert"},
      paramLabel = "FILE",
      description = "PEM client certificate for mutual TLS (with --key)")
  @Nullable Path cert;

  @Option(
      names = {"--key", "--pow-key"},
      paramLabel = "FILE",
      description = "PEM PKCS#8 private key of --cert")
  @Nullable Path key;

  @Option(
      names = {"--tls", "--pow-tls"},
      description = "TLS even on loopback (default: TLS unless every server is a loopback address)")
  boolean tls;

  @Option(
      names = {"--plaintext", "--pow-plaintext"},
      description = "plaintext even off loopback (a trusted link only)")
  boolean plaintext;

  boolean given() {
    return !servers.isEmpty();
  }

  /**
   * The client settings these options describe.
   *
   * @throws IllegalArgumentException for options that do not fit together, naming them
   */
  ClientSettings settings() {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("server: give at least one HOST:PORT");
    }
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("cert and key: give both or neither");
    }
    List<ServiceTarget> targets =
        servers.stream().map(String::strip).map(ServiceTarget::parse).toList();
    Optional<ClientCertificate> clientCert =
        cert == null || key == null
            ? Optional.empty()
            : Optional.of(new ClientCertificate(cert, key));
    Optional<String> t =
        token != null
            ? Optional.of(token)
            : Optional.ofNullable(tokenFile).map(f -> SecretFile.read("token-file", f));
    return new ClientSettings(
        targets,
        Transport.choose(targets, Optional.ofNullable(ca), clientCert, tls, plaintext),
        t,
        FailoverTiming.defaults());
  }
}
