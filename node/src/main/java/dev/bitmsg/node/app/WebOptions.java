package dev.bitmsg.node.app;

import dev.bitmsg.node.api.ApiSettings;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.web.WebSettings;
import dev.bitmsg.settings.SecretFile;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options of {@code bm node} for the web interface: where it listens and its TLS key. It logs
 * in with the API's user and password, so it needs {@code --api}; on a non-loopback address it
 * needs TLS ({@code --web-tls-keystore}) or {@code --api-allow-remote} (a TLS proxy in front). A
 * picocli mixin.
 */
final class WebOptions {
  @Option(
      names = "--web",
      paramLabel = "ADDR:PORT",
      description =
          "Serve the web interface here (e.g. 127.0.0.1:8443); needs --api (it logs in with the"
              + " API's user and password).")
  @Nullable String web;

  @Option(
      names = "--web-tls-keystore",
      paramLabel = "FILE",
      description =
          "Serve the web interface over HTTPS with the key and certificate in FILE (PKCS#12).")
  @Nullable Path tlsKeyStore;

  @Option(
      names = "--web-tls-password-file",
      paramLabel = "FILE",
      description = "File whose first line is the password of --web-tls-keystore.")
  @Nullable Path tlsPasswordFile;

  /** The web interface's settings, empty without {@code --web}. */
  Optional<WebSettings> settings(Optional<ApiSettings> api) {
    if (web == null || web.isBlank()) {
      return Optional.empty();
    }
    if (api.isEmpty()) {
      throw new IllegalArgumentException(
          "--web needs --api (the web interface logs in with the API's user and password)");
    }
    HostPort at = HostPort.parse(web);
    Optional<WebSettings.Tls> tls = Optional.empty();
    if (tlsKeyStore != null) {
      String password =
          tlsPasswordFile == null ? "" : SecretFile.read("web-tls-password-file", tlsPasswordFile);
      tls = Optional.of(new WebSettings.Tls(tlsKeyStore, password));
    }
    ApiSettings a = api.get();
    return Optional.of(
        new WebSettings(at.host(), at.port(), a.user(), a.password(), a.allowRemote(), tls));
  }
}
