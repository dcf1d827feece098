package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.testing.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Bans last their duration by the injected clock, then lapse. */
class BanListTest {
  @Test
  void ban_expiresAfterItsDuration() throws Exception {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_800_000_000L));
    BanList bans = new BanList(clock, Duration.ofHours(1));
    InetAddress bad = InetAddress.getByName("192.0.2.7");
    InetAddress other = InetAddress.getByName("192.0.2.8");
    bans.ban(bad, "test");
    assertTrue(bans.isBanned(bad));
    assertFalse(bans.isBanned(other));
    clock.advance(Duration.ofMinutes(59));
    assertTrue(bans.isBanned(bad));
    assertEquals(1, bans.size());
    clock.advance(Duration.ofMinutes(1));
    assertFalse(bans.isBanned(bad));
    assertEquals(0, bans.size());
  }
}
