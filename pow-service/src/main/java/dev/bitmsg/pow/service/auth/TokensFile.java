package dev.bitmsg.pow.service.auth;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
 * default max-jobs=16 trials-per-hour=5e12     # for every client line that leaves an option out
 * </pre>
 *
 * Tokens are at least 16 characters of {@code [A-Za-z0-9._~+/=-]}; {@code #} starts a comment. An
 * option a client's line leaves out comes from the {@code default} line (at most one, anywhere in
 * the file), and one that line leaves out from the built-in {@link #BUILT_IN} limits, which are
 * finite: a limit is only lifted by saying so ({@code max-jobs=unlimited}). Any error names the
 * line. Lookups compare SHA-256 digests, so the time taken does not depend on how much of a guessed
 * token matches. Immutable and thread-safe.
 */
public final class TokensFile {
  /** The word that starts the line of default options. */
  public static final String DEFAULT = "default";

  /**
   * Limits of a client whose line and the {@code default} line say nothing: weight 1, 64 unfinished
   * jobs, 10^12 expected trials per job (the service's own default ceiling; a network-difficulty
   * object of the largest size and lifetime needs about 6 * 10^10), 10^13 expected trials per hour
   * (about an hour of a GPU doing 2.8 * 10^9 trials per second).
   */
  public static final ClientLimits BUILT_IN =
      new ClientLimits(1, 64, 1_000_000_000_000L, 10_000_000_000_000L);

  private static final String UNLIMITED = "unlimited";

  private final Map<String, ClientIdentity> byDigest;

  private TokensFile(Map<String, ClientIdentity> byDigest) {
    this.byDigest = Map.copyOf(byDigest);
  }

  /** A client's limits before it has a name (see {@link ClientIdentity}). Immutable. */
  public record ClientLimits(
      double weight, int maxConcurrentJobs, long maxExpectedTrialsPerJob, long trialsPerHour) {

    ClientIdentity named(String name) {
      return new ClientIdentity(
          name, weight, maxConcurrentJobs, maxExpectedTrialsPerJob, trialsPerHour);
    }

    /**
     * These limits with option {@code key} set to {@code value}; errors start with {@code where}.
     */
    ClientLimits with(String where, String key, String value) {
      return switch (key) {
        case "weight" ->
            new ClientLimits(
                number(where, key, value).doubleValue(),
                maxConcurrentJobs,
                maxExpectedTrialsPerJob,
                trialsPerHour);
        case "max-jobs" ->
            new ClientLimits(
                weight,
                (int) Math.min(Integer.MAX_VALUE, whole(where, key, value)),
                maxExpectedTrialsPerJob,
                trialsPerHour);
        case "max-trials-per-job" ->
            new ClientLimits(weight, maxConcurrentJobs, whole(where, key, value), trialsPerHour);
        case "trials-per-hour" ->
            new ClientLimits(
                weight, maxConcurrentJobs, maxExpectedTrialsPerJob, whole(where, key, value));
        default ->
            throw new IllegalArgumentException(
                where
                    + "unknown option '"
                    + key
                    + "' (known: weight, max-jobs, max-trials-per-job, trials-per-hour)");
      };
    }
  }

  public static TokensFile read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
  }

  /** One line: where it is, its words without the comment. */
  private record Line(String where, String[] words) {}

  /** Parses the lines of a tokens file; {@code source} names it in error messages. */
  public static TokensFile parse(List<String> lines, String source) {
    List<Line> clients = new ArrayList<>();
    ClientLimits defaults = BUILT_IN;
    String defaultsAt = null;
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
      String[] words = line.split("\\s+", -1);
      if (!words[0].equals(DEFAULT)) {
        clients.add(new Line(where, words));
        continue;
      }
      if (defaultsAt != null) {
        throw new IllegalArgumentException(
            where + "a second 'default' line (the first: " + defaultsAt + ")");
      }
      defaultsAt = "line " + (i + 1);
      defaults = options(where, defaults, words, 1);
      identity(where, defaults, ClientIdentity.ANONYMOUS); // checks them
    }
    Map<String, ClientIdentity> byDigest = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (Line l : clients) {
      String where = l.where();
      String[] parts = l.words();
      if (parts.length < 2) {
        throw new IllegalArgumentException(where + "expected '<token> <client> [key=value...]'");
      }
      String token = parts[0];
      if (!token.matches("[A-Za-z0-9._~+/=-]{16,}")) {
        throw new IllegalArgumentException(
            where + "token must be at least 16 characters of [A-Za-z0-9._~+/=-]");
      }
      ClientIdentity id = identity(where, options(where, defaults, parts, 2), parts[1]);
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

  /** {@code base} with the {@code key=value} words of {@code words} from index {@code from}. */
  private static ClientLimits options(String where, ClientLimits base, String[] words, int from) {
    ClientLimits limits = base;
    for (int p = from; p < words.length; p++) {
      int eq = words[p].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(where + "option '" + words[p] + "' is not key=value");
      }
      limits = limits.with(where, words[p].substring(0, eq), words[p].substring(eq + 1));
    }
    return limits;
  }

  /** Client {@code name} with {@code limits}, or an error naming the line. */
  private static ClientIdentity identity(String where, ClientLimits limits, String name) {
    try {
      return limits.named(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + e.getMessage(), e);
    }
  }

  private static BigDecimal number(String where, String key, String value) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + key + " must be a number, got '" + value + "'", e);
    }
  }

  /** A whole number from 1 to 2^63-1, or {@code unlimited} (no limit). */
  private static long whole(String where, String key, String value) {
    if (value.equals(UNLIMITED)) {
      return Long.MAX_VALUE;
    }
    BigDecimal d = number(where, key, value);
    try {
      long v = d.toBigIntegerExact().longValueExact();
      if (v < 1) {
        throw new ArithmeticException();
      }
      return v;
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          where
              + key
              + " must be a whole number from 1 to 2^63-1 or 'unlimited', got '"
              + value
              + "'",
          e);
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
