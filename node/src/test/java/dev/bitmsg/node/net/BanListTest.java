package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.testing.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Bans are per peer, last their duration by the injected clock, then lapse; the list is bounded.
 */
class BanListTest {
  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_800_000_000L));

  private static PeerId peer(String ip, int port) throws Exception {
    return PeerId.of(InetAddress.getByName(ip), port);
  }

  @Test
  void ban_isPerPeer_andExpiresAfterItsDuration() throws Exception {
    BanList bans = new BanList(clock, Duration.ofHours(1), 100);
    bans.ban(peer("192.0.2.7", 8444), "test");
    assertTrue(bans.isBanned(peer("192.0.2.7", 8444)));
    assertFalse(bans.isBanned(peer("192.0.2.7", 8445)), "another node behind the same address");
    assertFalse(bans.isBanned(peer("192.0.2.8", 8444)));
    clock.advance(Duration.ofMinutes(59));
    assertTrue(bans.isBanned(peer("192.0.2.7", 8444)));
    assertEquals(1, bans.size());
    clock.advance(Duration.ofMinutes(1));
    assertFalse(bans.isBanned(peer("192.0.2.7", 8444)));
    assertEquals(0, bans.size());
  }

  @Test
  void ipv6Peers_areOneHostPerSlash64() throws Exception {
    BanList bans = new BanList(clock, Duration.ofHours(1), 100);
    bans.ban(peer("2001:db8:1:2::7", 8444), "test");
    assertTrue(bans.isBanned(peer("2001:db8:1:2:ffff::1", 8444)), "same /64");
    assertFalse(bans.isBanned(peer("2001:db8:1:3::7", 8444)), "another /64");
  }

  @Test
  void fullList_dropsTheBanThatExpiresFirst() throws Exception {
    BanList bans = new BanList(clock, Duration.ofHours(1), 3);
    for (int i = 1; i <= 3; i++) {
      bans.ban(peer("192.0.2." + i, 8444), "test");
      clock.advance(Duration.ofMinutes(1));
    }
    bans.ban(peer("192.0.2.1", 8444), "again"); // renewed: now the last to expire
    bans.ban(peer("192.0.2.4", 8444), "test");
    assertEquals(3, bans.size());
    assertFalse(bans.isBanned(peer("192.0.2.2", 8444)), "oldest ban made room");
    assertTrue(bans.isBanned(peer("192.0.2.1", 8444)));
    assertTrue(bans.isBanned(peer("192.0.2.3", 8444)));
    assertTrue(bans.isBanned(peer("192.0.2.4", 8444)));
  }
}
