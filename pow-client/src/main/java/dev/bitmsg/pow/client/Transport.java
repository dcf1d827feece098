package dev.bitmsg.pow.client;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the client talks to the service: plaintext, or TLS trusting a given CA file (a self-signed
 * service certificate) or else the system roots, optionally with a client certificate (mutual TLS).
 * Immutable.
 */
public sealed interface Transport {
  /** The gRPC credentials of this transport. */
  ChannelCredentials credentials();

  /** {@code plaintext} or {@code tls}: the word the logs and the mismatch messages use. */
  String word();

  /** Plaintext HTTP/2: a trusted link or loopback only (a bearer token crosses it in clear). */
  record Plaintext() implements Transport {
    @Override
    public ChannelCredentials credentials() {
      return InsecureChannelCredentials.create();
    }

    @Override
    public String word() {
      return "plaintext";
    }
  }

  /**
   * TLS.
   *
   * @param ca PEM file of the certificates to trust (e.g. the service's self-signed one); empty:
   *     the system roots
   * @param clientCertificate the client's own certificate for mutual TLS; empty: none
   */
  record Tls(Optional<Path> ca, Optional<ClientCertificate> clientCertificate)
      implements Transport {
    public Tls {
      ca.ifPresent(f -> ClientCertificate.requireReadable("pow-ca", f));
    }

    @Override
    public ChannelCredentials credentials() {
      TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder();
      try {
        if (ca.isPresent()) {
          b.trustManager(ca.get().toFile());
        }
        if (clientCertificate.isPresent()) {
          b.keyManager(
              clientCertificate.get().cert().toFile(), clientCertificate.get().key().toFile());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the PoW client's TLS files", e);
      }
      return b.build();
    }

    @Override
    public String word() {
      return "tls";
    }
  }

  /**
   * The transport the options ask for. TLS when a CA file or a client certificate is given or
   * {@code tls} is set; plaintext when {@code plaintext} is set; otherwise plaintext only when
   * every target is a loopback address (the service's own default), else TLS with the system roots,
   * so a token never crosses a network in clear unless asked to.
   *
   * @throws IllegalArgumentException for contradictory options, naming them
   */
  static Transport choose(
      List<ServiceTarget> targets,
      Optional<Path> ca,
      Optional<ClientCertificate> clientCertificate,
      boolean tls,
      boolean plaintext) {
    boolean tlsAsked = tls || ca.isPresent() || clientCertificate.isPresent();
    if (plaintext && tlsAsked) {
      throw new IllegalArgumentException(
          "pow-plaintext: cannot be combined with pow-tls, pow-ca or pow-cert/pow-key");
    }
    if (plaintext) {
      return new Plaintext();
    }
    if (tlsAsked || !targets.stream().allMatch(ServiceTarget::isLoopback)) {
      return new Tls(ca, clientCertificate);
    }
    return new Plaintext();
  }
}
