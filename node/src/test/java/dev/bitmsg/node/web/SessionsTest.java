package dev.bitmsg.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final Sessions sessions = new Sessions(clock);

  @Test
  void aSessionHasItsOwnRandomIdAndCsrfToken() {
    Sessions.Session a = sessions.create();
    Sessions.Session b = sessions.create();
    assertNotEquals(a.id(), b.id());
    assertNotEquals(a.csrf(), b.csrf());
    assertNotEquals(a.id(), a.csrf());
    assertTrue(a.id().length() >= 43, "256 random bits");
    assertEquals(a, sessions.find(a.id()).orElseThrow());
  }

  @Test
  void csrfTokenMustMatchExactly() {
    Sessions.Session s = sessions.create();
    assertTrue(s.csrfMatches(s.csrf()));
    assertFalse(s.csrfMatches(""));
    assertFalse(s.csrfMatches(s.csrf() + "x"));
    assertFalse(s.csrfMatches(sessions.create().csrf()));
  }

  @Test
  void unknownAndEndedSessionsAreNotFound() {
    assertTrue(sessions.find("nope").isEmpty());
    Sessions.Session s = sessions.create();
    sessions.end(s.id());
    assertTrue(sessions.find(s.id()).isEmpty());
  }

  @Test
  void aSessionIdleLongerThanTheLimitExpiresAndUseKeepsItAlive() {
    Sessions.Session used = sessions.create();
    Sessions.Session idle = sessions.create();
    clock.advance(Sessions.IDLE.minus(Duration.ofMinutes(1)));
    assertTrue(sessions.find(used.id()).isPresent());
    clock.advance(Duration.ofMinutes(2));
    assertTrue(sessions.find(used.id()).isPresent(), "touched a minute ago");
    assertTrue(sessions.find(idle.id()).isEmpty(), "idle past the limit");
  }

  @Test
  void theOldestIdleSessionMakesRoomBeyondTheLimit() {
    Sessions.Session first = sessions.create();
    for (int i = 1; i < Sessions.MAX; i++) {
      clock.advance(Duration.ofSeconds(1));
      sessions.create();
    }
    assertEquals(Sessions.MAX, sessions.size());
    sessions.create();
    assertEquals(Sessions.MAX, sessions.size());
    assertTrue(sessions.find(first.id()).isEmpty());
  }

  @Test
  void aFlashIsShownOnce() {
    Sessions.Session s = sessions.create();
    assertTrue(s.takeFlash().isEmpty());
    s.flash("saved", false);
    assertEquals(new Sessions.Flash("saved", false), s.takeFlash().orElseThrow());
    assertTrue(s.takeFlash().isEmpty());
  }
}
