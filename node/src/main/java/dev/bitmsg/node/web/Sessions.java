package dev.bitmsg.node.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The logged-in sessions of the web interface, in memory only (a restart logs everyone out): a
 * random id for the cookie, a random CSRF token every form carries, and an idle timeout. At most
 * {@link #MAX} sessions; logging in beyond that ends the one idle longest. Thread-safe.
 */
final class Sessions {
  static final int MAX = 32;
  static final Duration IDLE = Duration.ofHours(12);

  /** One login. The flash message is shown once, on the next page. Thread-safe. */
  static final class Session {
    private final String id;
    private final String csrf;
    private volatile Instant lastSeen;
    private volatile String flash = "";
    private volatile boolean flashIsError;

    private Session(String id, String csrf, Instant now) {
      this.id = id;
      this.csrf = csrf;
      this.lastSeen = now;
    }

    String id() {
      return id;
    }

    String csrf() {
      return csrf;
    }

    /** Whether {@code token} is this session's CSRF token (compared in constant time). */
    boolean csrfMatches(String token) {
      return MessageDigest.isEqual(
          csrf.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    void flash(String text, boolean error) {
      flash = text;
      flashIsError = error;
    }

    /** The flash message, cleared; empty when none. */
    synchronized Optional<Flash> takeFlash() {
      String f = flash;
      flash = "";
      return f.isEmpty() ? Optional.empty() : Optional.of(new Flash(f, flashIsError));
    }
  }

  /** A one-time notice: what happened after a form was sent. Immutable. */
  record Flash(String text, boolean error) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  Sessions(Clock clock) {
    this.clock = clock;
  }

  /** A new session (after a successful login). */
  Session create() {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> expired(s, now));
    while (sessions.size() >= MAX) {
      sessions.values().stream()
          .min(Comparator.comparing(s -> s.lastSeen))
          .ifPresent(s -> sessions.remove(s.id));
    }
    Session s = new Session(token(), token(), now);
    sessions.put(s.id, s);
    return s;
  }

  /** The live session of a cookie value; touching it restarts its idle time. */
  Optional<Session> find(String id) {
    Session s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(s, now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    s.lastSeen = now;
    return Optional.of(s);
  }

  void end(String id) {
    sessions.remove(id);
  }

  int size() {
    return sessions.size();
  }

  private static boolean expired(Session s, Instant now) {
    return s.lastSeen.plus(IDLE).isBefore(now);
  }

  private String token() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
