package dev.bitmsg.node.net;

import java.time.Duration;

/**
 * The limits that keep the node open to honest peers and bounded against hostile ones (docs/node.md
 * "Peer policy"). Validated on construction with messages naming the field. Immutable.
 *
 * @param inboundPerAddress established inbound connections from one host (IPv4 address or IPv6
 *     /64); more are refused, and the refused peer is dialled back at its advertised port
 * @param exemptLoopback loopback peers are local (an onion service's inbound connections all come
 *     from 127.0.0.1): no per-address limit, and misbehaviour disconnects them but never bans them
 *     (Bitcoin Core's rule for local peers). Tests that model hosts as 127.0.0.N turn it off
 * @param maxHandshaking inbound connections still in their handshake; when all are taken a new
 *     connection takes the slot of the oldest one from the host with the most of them
 * @param banThreshold misbehaviour points at which a peer is banned ({@link Violation})
 * @param maxBans ban list entries kept in memory; when full the entry that expires first goes
 * @param claimTimeout how long an object requested from one announcer is not asked of another,
 *     unless that announcer keeps delivering
 * @param announceRate inventory vectors per second a peer may announce (inv and dinv, known or not)
 *     before its connection stops being read until the budget refills
 * @param announceBurst the announcement budget of a new connection (room for its big inv)
 * @param addrRate addr entries per second kept from one source network group
 * @param addrBurst addr entries kept from a source network group before the rate applies
 * @param maxKnownNodes known nodes kept; beyond it untried entries are evicted at random
 */
public record PeerPolicy(
    int inboundPerAddress,
    boolean exemptLoopback,
    int maxHandshaking,
    int banThreshold,
    int maxBans,
    Duration claimTimeout,
    double announceRate,
    int announceBurst,
    double addrRate,
    int addrBurst,
    int maxKnownNodes) {

  public PeerPolicy {
    atLeast("inboundPerAddress", inboundPerAddress, 1);
    atLeast("maxHandshaking", maxHandshaking, 1);
    atLeast("banThreshold", banThreshold, 1);
    atLeast("maxBans", maxBans, 1);
    atLeast("announceBurst", announceBurst, 1);
    atLeast("addrBurst", addrBurst, 1);
    atLeast("maxKnownNodes", maxKnownNodes, 1);
    if (claimTimeout.isNegative() || claimTimeout.isZero()) {
      throw new IllegalArgumentException("claimTimeout must be positive, got " + claimTimeout);
    }
    if (!(announceRate > 0) || !(addrRate > 0)) {
      throw new IllegalArgumentException(
          "announceRate and addrRate must be positive, got " + announceRate + ", " + addrRate);
    }
  }

  /**
   * The defaults of a real node: 8 inbound connections per address, loopback exempt, 128 handshakes
   * at once, a ban at 100 points (at most 10,000 bans), claims of 3 s, 5,000 announced vectors per
   * second after a budget of three full invs, Bitcoin Core's addr budget (1,000 then one every 10 s
   * per source group) and PyBitmessage's 20,000 known nodes.
   */
  public static PeerPolicy defaults() {
    return new PeerPolicy(
        8, true, 128, 100, 10_000, Duration.ofSeconds(2), 5_000, 150_000, 0.1, 1_000, 20_000);
  }

  public PeerPolicy withInboundPerAddress(int perAddress, boolean exempt) {
    return new PeerPolicy(
        perAddress,
        exempt,
        maxHandshaking,
        banThreshold,
        maxBans,
        claimTimeout,
        announceRate,
        announceBurst,
        addrRate,
        addrBurst,
        maxKnownNodes);
  }

  public PeerPolicy withMaxHandshaking(int handshaking) {
    return new PeerPolicy(
        inboundPerAddress,
        exemptLoopback,
        handshaking,
        banThreshold,
        maxBans,
        claimTimeout,
        announceRate,
        announceBurst,
        addrRate,
        addrBurst,
        maxKnownNodes);
  }

  public PeerPolicy withClaimTimeout(Duration claim) {
    return new PeerPolicy(
        inboundPerAddress,
        exemptLoopback,
        maxHandshaking,
        banThreshold,
        maxBans,
        claim,
        announceRate,
        announceBurst,
        addrRate,
        addrBurst,
        maxKnownNodes);
  }

  public PeerPolicy withAnnounceBudget(double rate, int burst) {
    return new PeerPolicy(
        inboundPerAddress,
        exemptLoopback,
        maxHandshaking,
        banThreshold,
        maxBans,
        claimTimeout,
        rate,
        burst,
        addrRate,
        addrBurst,
        maxKnownNodes);
  }

  public PeerPolicy withAddrBudget(double rate, int burst, int knownNodes) {
    return new PeerPolicy(
        inboundPerAddress,
        exemptLoopback,
        maxHandshaking,
        banThreshold,
        maxBans,
        claimTimeout,
        announceRate,
        announceBurst,
        rate,
        burst,
        knownNodes);
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
  }
}
