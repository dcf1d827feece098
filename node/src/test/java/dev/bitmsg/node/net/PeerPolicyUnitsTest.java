package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.testing.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The small parts of the peer policy: address grouping, misbehaviour scores with decay and bans of
 * one peer only, token budgets, the addr budget per source group and the group spread of dialling.
 */
class PeerPolicyUnitsTest {
  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_800_000_000L));

  private static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void netGroups_hostsAndGroups() throws Exception {
    NetGroups real = new NetGroups(true);
    assertEquals("4:198.51", real.group(ip("198.51.100.7")));
    assertEquals("4:198.51.100.7", real.host(ip("198.51.100.7")));
    assertEquals("6:2001:db8", real.group(ip("2001:db8:1:2::7")));
    assertEquals("6:2001:db8:1:2::/64", real.host(ip("2001:db8:1:2::7")));
    assertEquals(NetGroups.LOCAL, real.group(ip("127.0.0.5")));
    assertEquals(NetGroups.LOCAL, real.host(ip("::1")));
    assertTrue(real.isLocal(ip("127.0.0.1")));
    NetGroups modelled = new NetGroups(false); // tests: 127.0.0.N are distinct hosts and networks
    assertEquals("lo:127.0.0.5", modelled.group(ip("127.0.0.5")));
    assertEquals("4:127.0.0.5", modelled.host(ip("127.0.0.5")));
    assertFalse(modelled.isLocal(ip("127.0.0.1")));
  }

  @Test
  void misbehaviour_addsUpDecaysAndBansOnePeer() throws Exception {
    BanList bans = new BanList(clock, Duration.ofHours(1), 100);
    Misbehaviour m = new Misbehaviour(new PeerScores(100.0 / 3_600_000, 100), bans, 100, clock);
    NetGroups groups = new NetGroups(true);
    PeerId p = PeerId.of(groups, ip("203.0.113.5"), 8444);
    PeerId neighbour = PeerId.of(groups, ip("203.0.113.5"), 8445);
    assertEquals(Misbehaviour.Outcome.SCORED, m.penalise(p, Violation.INVALID_OBJECT, "one"));
    clock.advance(Duration.ofMinutes(36)); // 60 points forgotten: 50 -> 0
    assertEquals(0, m.score(p), 1e-9);
    assertEquals(Misbehaviour.Outcome.SCORED, m.penalise(p, Violation.INVALID_OBJECT, "two"));
    assertEquals(Misbehaviour.Outcome.BANNED, m.penalise(p, Violation.INVALID_OBJECT, "three"));
    assertTrue(m.isBanned(p));
    assertFalse(m.isBanned(neighbour), "a ban is per peer, not per address");
    for (int i = 0; i < 9; i++) {
      assertEquals(
          Misbehaviour.Outcome.SCORED, m.penalise(neighbour, Violation.MALFORMED_MESSAGE, "x"));
    }
    assertEquals(
        Misbehaviour.Outcome.BANNED, m.penalise(neighbour, Violation.MALFORMED_MESSAGE, "x"));
    PeerId onion = PeerId.of(groups, ip("127.0.0.1"), 8444);
    for (int i = 0; i < 5; i++) {
      assertEquals(Misbehaviour.Outcome.SPARED, m.penalise(onion, Violation.INVALID_OBJECT, "o"));
    }
    assertFalse(m.isBanned(onion), "local peers are never banned");
  }

  @Test
  void tokenBucket_overdrawsThenRefills() {
    TokenBucket b = new TokenBucket(1_000, 5_000, 0);
    assertEquals(-45_000, b.take(50_000, 0), 1e-9);
    assertTrue(b.level(44_000) < 0);
    assertEquals(0, b.level(45_000), 1e-9);
    assertEquals(5_000, b.level(1_000_000), 1e-9, "capped at capacity");
    assertTrue(b.tryTake(5_000, 1_000_000));
    assertFalse(b.tryTake(1, 1_000_000));
  }

  @Test
  void addrBudget_isPerSourceGroup() throws Exception {
    AddrBudget budget =
        new AddrBudget(
            new NetGroups(true), PeerPolicy.defaults().withAddrBudget(0.1, 3, 100), clock);
    for (int i = 0; i < 3; i++) {
      assertTrue(budget.take(ip("203.0.113." + i)), "one /16 shares the budget");
    }
    assertFalse(budget.take(ip("203.0.200.1")));
    assertTrue(budget.take(ip("198.51.100.1")), "another group has its own");
    clock.advance(Duration.ofSeconds(10));
    assertTrue(budget.take(ip("203.0.113.9")), "refilled at 0.1 a second");
    assertFalse(budget.take(ip("203.0.113.9")));
  }

  @Test
  void dialling_spreadsOverNetworkGroups() {
    NetGroups groups = new NetGroups(true);
    List<HostPort> candidates =
        List.of(
            new HostPort("198.51.100.1", 8444),
            new HostPort("198.51.7.7", 8444), // same /16 as the first
            new HostPort("203.0.113.1", 8444),
            new HostPort("192.0.2.1", 8444), // its group already has an outbound connection
            new HostPort("2001:db8::1", 8444),
            new HostPort("2001:db8:ffff::1", 8444)); // same /32
    List<HostPort> chosen =
        Dialler.spread(
            candidates,
            Set.of("4:192.0"),
            hp -> {
              try {
                return Optional.of(groups.group(InetAddress.getByName(hp.host())));
              } catch (Exception e) {
                return Optional.empty();
              }
            });
    assertEquals(
        List.of(
            new HostPort("198.51.100.1", 8444),
            new HostPort("203.0.113.1", 8444),
            new HostPort("2001:db8::1", 8444)),
        chosen);
  }
}
