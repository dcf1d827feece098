package dev.bitmsg.pow.service.auth;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens a server accepts, read from a UTF-8 text file with one token per line:
 *
 * <pre>
 * # token                           client  options (all optional)
 * 9f2c1d0e8b7a6f5e4d3c2b1a09f8e7d6  alice   weight=2 max-jobs=4 max-trials-per-job=1e9 trials-per-hour=1e12
 * </pre>
 *
 * Tokens are at least 16 characters of {@code [A-Za-z0-9._~+/=-]}; {@code #} starts a comment.
 * Omitted limits mean none. Any error names the line. Lookups compare SHA-256 digests, so the time
 * taken does not depend on how much of a guessed token matches. Immutable and thread-safe.
 */
public final class TokensFile {
  private final Map<String, ClientIdentity> byDigest;

  private TokensFile(Map<String, ClientIdentity> byDigest) {
    this.byDigest = Map.copyOf(byDigest);
  }

  public static TokensFile read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses the lines of a tokens file; {@code source} names it in error messages. */
  public static TokensFile parse(List<String> lines, String source) {
    Map<String, ClientIdentity> byDigest = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = source + ":" + (i + 1) + ": ";
      String[] parts = line.split("\\s+", -1);
      if (parts.length < 2) {
        throw new IllegalArgumentException(where + "expected '<token> <client> [key=value...]'");
      }
      String token = parts[0];
      if (!token.matches("[A-Za-z0-9._~+/=-]{16,}")) {
        throw new IllegalArgumentException(
            where + "token must be at least 16 characters of [A-Za-z0-9._~+/=-]");
      }
      double weight = 1;
      int maxJobs = Integer.MAX_VALUE;
      long maxTrials = Long.MAX_VALUE;
      long perHour = Long.MAX_VALUE;
      for (int p = 2; p < parts.length; p++) {
        int eq = parts[p].indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(where + "option '" + parts[p] + "' is not key=value");
        }
        String key = parts[p].substring(0, eq);
        String value = parts[p].substring(eq + 1);
        switch (key) {
          case "weight" -> weight = number(where, key, value).doubleValue();
          case "max-jobs" -> maxJobs = (int) Math.min(Integer.MAX_VALUE, whole(where, key, value));
          case "max-trials-per-job" -> maxTrials = whole(where, key, value);
          case "trials-per-hour" -> perHour = whole(where, key, value);
          default ->
              throw new IllegalArgumentException(
                  where
                      + "unknown option '"
                      + key
                      + "' (known: weight, max-jobs, max-trials-per-job, trials-per-hour)");
        }
      }
      ClientIdentity id;
      try {
        id = new ClientIdentity(parts[1], weight, maxJobs, maxTrials, perHour);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage(), e);
      }
      if (!names.add(id.name())) {
        throw new IllegalArgumentException(where + "client '" + id.name() + "' appears twice");
      }
      if (byDigest.put(digest(token), id) != null) {
        throw new IllegalArgumentException(where + "token appears twice");
      }
    }
    if (byDigest.isEmpty()) {
      throw new IllegalArgumentException(source + ": no tokens");
    }
    return new TokensFile(byDigest);
  }

  private static BigDecimal number(String where, String key, String value) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + key + " must be a number, got '" + value + "'", e);
    }
  }

  private static long whole(String where, String key, String value) {
    BigDecimal d = number(where, key, value);
    try {
      long v = d.toBigIntegerExact().longValueExact();
      if (v < 1) {
        throw new ArithmeticException();
      }
      return v;
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          where + key + " must be a whole number from 1 to 2^63-1, got '" + value + "'", e);
    }
  }

  /** The client a presented token belongs to. */
  public Optional<ClientIdentity> lookup(String token) {
    return Optional.ofNullable(byDigest.get(digest(token)));
  }

  public int size() {
    return byDigest.size();
  }

  private static String digest(String token) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
