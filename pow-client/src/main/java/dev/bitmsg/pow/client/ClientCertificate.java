package dev.bitmsg.pow.client;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The client's own certificate for mutual TLS: a PEM certificate chain and its PEM PKCS#8 private
 * key, both readable files. Immutable.
 */
public record ClientCertificate(Path cert, Path key) {
  public ClientCertificate {
    requireReadable("pow-cert", cert);
    requireReadable("pow-key", key);
  }

  static void requireReadable(String option, Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(option + ": cannot read " + file);
    }
  }
}
