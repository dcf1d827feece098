package dev.bitmsg.node.api;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The API connection file {@code api.conf} in the data directory (owner-only): URL, user, variant
 * and, when the node generated it, the password. The node writes it on start so the CLI on the same
 * machine finds the API; a password given by the operator is not written. Stateless.
 */
public final class ApiCredentials {
  public static final String FILE = "api.conf";

  /** What the CLI needs to reach a node's API. Immutable. */
  public record Connection(
      String url, String user, Optional<String> password, ApiSettings.Variant variant) {}

  private ApiCredentials() {}

  /** The password stored by an earlier run, else a new random one (not yet stored). */
  public static String storedOrNewPassword(Path dataDir) {
    return read(dataDir)
        .flatMap(Connection::password)
        .orElseGet(
            () -> {
              byte[] b = new byte[18];
              new SecureRandom().nextBytes(b);
              return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            });
  }

  /** Writes {@code api.conf} atomically with permissions rw------- (where POSIX). */
  public static Path write(Path dataDir, Connection c) {
    Path target = dataDir.resolve(FILE);
    Properties p = new Properties();
    p.setProperty("url", c.url());
    p.setProperty("user", c.user());
    p.setProperty("variant", c.variant().name().toLowerCase(Locale.ROOT));
    c.password().ifPresent(pw -> p.setProperty("password", pw));
    try {
      Files.createDirectories(dataDir);
      Path tmp = dataDir.resolve(FILE + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp);
      }
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "client API of this node (written by the node on start)");
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  public static Optional<Connection> read(Path dataDir) {
    Path f = dataDir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
    String url = p.getProperty("url");
    String user = p.getProperty("user");
    if (url == null || user == null) {
      throw new IllegalArgumentException(f + " lacks url or user");
    }
    return Optional.of(
        new Connection(
            url,
            user,
            Optional.ofNullable(p.getProperty("password")),
            ApiSettings.Variant.parse(p.getProperty("variant", "xml"))));
  }
}
