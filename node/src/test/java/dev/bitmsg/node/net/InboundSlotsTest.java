package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The inbound slot rules on plain handles: handshake slots that half-open connections cannot lock,
 * several peers per address up to the limit (loopback exempt on a real node), a reconnect taking
 * over its old slot, and eviction when full that protects diverse, useful and long-lived peers.
 */
class InboundSlotsTest {
  private static final NetGroups REAL = new NetGroups(true);
  private long now = 1_000;

  private static InboundSlots<String> slots(int maxInbound, PeerPolicy policy) {
    return new InboundSlots<>(maxInbound, policy, 42);
  }

  private Optional<String> open(InboundSlots<String> s, String handle, String ip) throws Exception {
    InetAddress a = InetAddress.getByName(ip);
    return s.open(handle, REAL.host(a), REAL.group(a), REAL.isLocal(a), now++);
  }

  private InboundSlots.Decision<String> establish(
      InboundSlots<String> s, String handle, String ip, int port) throws Exception {
    return s.establish(handle, PeerId.of(REAL, InetAddress.getByName(ip), port), now++);
  }

  private static Optional<String> admitted(InboundSlots.Decision<String> d) {
    return assertInstanceOf(InboundSlots.Admit.class, d).evicted().map(String.class::cast);
  }

  @Test
  void handshakeSlots_fullOfHalfOpenConnections_makeRoomForANewOne() throws Exception {
    InboundSlots<String> s = slots(64, PeerPolicy.defaults().withMaxHandshaking(100));
    for (int i = 1; i <= 100; i++) {
      assertEquals(Optional.empty(), open(s, "attacker" + i, "203.0." + i + ".1"));
    }
    // The honest peer's connection evicts the oldest half-open one and completes its handshake.
    assertEquals(Optional.of("attacker1"), open(s, "honest", "198.51.100.7"));
    assertEquals(Optional.empty(), admitted(establish(s, "honest", "198.51.100.7", 8444)));
    assertEquals(1, s.established());
    assertEquals(99, s.handshaking());
    // A host with several handshaking connections loses its own oldest first.
    assertEquals(Optional.empty(), open(s, "noisy1", "192.0.2.1"));
    assertEquals(Optional.of("noisy1"), open(s, "noisy2", "192.0.2.1"));
    assertEquals(Optional.of("attacker2"), open(s, "late", "198.51.100.8"));
  }

  @Test
  void perAddressLimit_refusesBeyondIt_exceptForLocalPeers() throws Exception {
    InboundSlots<String> s = slots(64, PeerPolicy.defaults());
    for (int i = 0; i < 8; i++) {
      open(s, "nat" + i, "203.0.113.5");
      assertEquals(Optional.empty(), admitted(establish(s, "nat" + i, "203.0.113.5", 8000 + i)));
    }
    open(s, "nat8", "203.0.113.5");
    assertEquals(
        InboundSlots.TOO_MANY_FROM_ADDRESS,
        assertInstanceOf(InboundSlots.Refuse.class, establish(s, "nat8", "203.0.113.5", 8008))
            .reason());
    for (int i = 0; i < 20; i++) { // onion service: every connection from 127.0.0.1, same port
      open(s, "onion" + i, "127.0.0.1");
      assertEquals(Optional.empty(), admitted(establish(s, "onion" + i, "127.0.0.1", 8444)));
    }
    assertEquals(28, s.established());
  }

  @Test
  void reconnectOfTheSamePeer_takesOverItsOldSlot() throws Exception {
    InboundSlots<String> s = slots(64, PeerPolicy.defaults().withInboundPerAddress(1, true));
    open(s, "old", "203.0.113.9");
    admitted(establish(s, "old", "203.0.113.9", 8444));
    open(s, "new", "203.0.113.9");
    assertEquals(Optional.of("old"), admitted(establish(s, "new", "203.0.113.9", 8444)));
    assertEquals(1, s.established());
    open(s, "other", "203.0.113.9"); // another node behind the address: over its limit of 1
    assertInstanceOf(InboundSlots.Refuse.class, establish(s, "other", "203.0.113.9", 8555));
  }

  @Test
  void full_evictsTheYoungestOfTheBiggestUnprotectedGroup() throws Exception {
    InboundSlots<String> s = slots(12, PeerPolicy.defaults());
    List<String> all = new ArrayList<>();
    // 4 peers in distinct /16s, 8 in one /16 (two per address).
    for (int i = 0; i < 4; i++) {
      String h = "diverse" + i;
      open(s, h, "198." + (10 + i) + ".0.1");
      admitted(establish(s, h, "198." + (10 + i) + ".0.1", 8444));
      all.add(h);
    }
    for (int i = 0; i < 8; i++) {
      String h = "crowd" + i;
      open(s, h, "203.0.113." + (i / 2));
      admitted(establish(s, h, "203.0.113." + (i / 2), 8000 + i));
      all.add(h);
    }
    s.delivered("crowd7", now++); // the youngest delivered something new: protected
    open(s, "newcomer", "192.0.2.50");
    Optional<String> evicted = admitted(establish(s, "newcomer", "192.0.2.50", 8444));
    assertEquals(Optional.of("crowd6"), evicted, "youngest unprotected peer of the biggest group");
    assertEquals(12, s.established());
  }

  @Test
  void full_withEveryPeerProtected_refusesTheNewcomer() throws Exception {
    InboundSlots<String> s = slots(2, PeerPolicy.defaults());
    open(s, "a", "198.10.0.1");
    admitted(establish(s, "a", "198.10.0.1", 8444));
    open(s, "b", "198.11.0.1");
    admitted(establish(s, "b", "198.11.0.1", 8444));
    open(s, "c", "198.12.0.1");
    assertTrue(
        establish(s, "c", "198.12.0.1", 8444) instanceof InboundSlots.Refuse<String> r
            && r.reason().equals(InboundSlots.FULL));
    s.remove("c");
    assertEquals(0, s.handshaking());
  }

  @Test
  void eviction_protectsByGroupDeliveryAndUptime() {
    List<EvictionPolicy.Candidate<String>> cands = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      cands.add(new EvictionPolicy.Candidate<>("p" + i, "g" + (i % 2), i, 0, false));
    }
    // Two groups: one peer each protected by group, the oldest half of the rest by uptime; the
    // youngest peer of the group with the most unprotected ones goes.
    assertEquals(Optional.of("p19"), EvictionPolicy.select(cands, 7));
    List<EvictionPolicy.Candidate<String>> useful = new ArrayList<>(cands);
    useful.set(19, new EvictionPolicy.Candidate<>("p19", "g1", 19, 5, false));
    assertEquals(Optional.of("p18"), EvictionPolicy.select(useful, 7));
    assertEquals(Optional.empty(), EvictionPolicy.select(cands.subList(0, 2), 7));
  }
}
