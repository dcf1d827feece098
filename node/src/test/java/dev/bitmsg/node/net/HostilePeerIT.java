package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.ObjectMaker;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.RawPeer;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.ErrorMessage;
import dev.bitmsg.node.wire.Inv;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.MessageFrameCodec;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.Ping;
import dev.bitmsg.node.wire.Pong;
import dev.bitmsg.node.wire.Version;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node under attack from raw sockets on their own loopback addresses (127.0.0.x, which this node
 * treats as distinct remote hosts): framing errors and malformed messages close the connection but
 * ban nobody, so the sender can reconnect at once; repeated or unambiguous abuse bans that peer
 * only (host and listening port), not others behind its address; proof of work short only by a
 * tolerated clock offset is dropped silently; an inv flood is held back, not punished. Nothing from
 * the attacker is stored, and the node keeps syncing with an honest peer throughout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@NetworkTest
class HostilePeerIT {
  private static final Duration LIMIT = Duration.ofSeconds(10);
  private static final int MAX_PENDING = 500;

  @TempDir static Path tmp;
  private Node node;
  private Node honest;
  private HostPort endpoint;
  private final ObjectMaker maker = TestNetwork.maker(99);

  @BeforeAll
  void startNodes() throws Exception {
    PeerSettings s = TestNetwork.settings().withLimits(8, 64, 1000, MAX_PENDING);
    // Loopback addresses stand for remote hosts here, so that scores and bans apply to them.
    PeerSettings modelled = s.withPolicy(s.policy().withInboundPerAddress(8, false));
    node = TestNetwork.start(tmp.resolve("node"), 0, List.of(), modelled, Clock.systemUTC());
    endpoint = TestNetwork.endpoint(node);
    honest = TestNetwork.start(tmp.resolve("honest"), 0, List.of(endpoint), s, Clock.systemUTC());
    Await.until(LIMIT, "honest peer connected", () -> node.peers().peers().size() == 1);
  }

  @AfterAll
  void stopNodes() {
    honest.close();
    node.close();
  }

  private static PeerId peerAt(String ip) throws Exception {
    return PeerId.of(InetAddress.getByName(ip), 8444); // RawPeer advertises port 8444
  }

  /** Closed, not banned, and a reconnect from the same address completes its handshake at once. */
  private void assertDroppedNotBanned(RawPeer peer, String ip) throws Exception {
    assertTrue(peer.closedByNode(LIMIT), "connection from " + ip + " closed by the node");
    assertFalse(node.peers().banList().isBanned(peerAt(ip)), ip + " not banned");
    try (RawPeer again = new RawPeer(ip, endpoint)) {
      again.handshake();
      assertAnswersPing(again);
    }
    assertStillServing();
  }

  /** The node refuses {@code ip}'s peer on 8444: its version gets no verack, just a close. */
  private void assertBannedOnReconnect(String ip) throws Exception {
    assertTrue(node.peers().banList().isBanned(peerAt(ip)), ip + " banned");
    try (RawPeer again = new RawPeer(ip, endpoint)) {
      again.send(RawPeer.version(77, 3, Instant.now().getEpochSecond(), List.of(1L)));
      Optional<Message> m;
      do {
        m = again.receive(LIMIT);
      } while (m.isPresent() && !(m.get() instanceof dev.bitmsg.node.wire.VerAck));
      assertTrue(m.isEmpty(), "banned peer closed without a verack, got " + m);
    }
  }

  private static void assertAnswersPing(RawPeer p) throws Exception {
    p.send(new Ping());
    Optional<Message> m;
    do {
      m = p.receive(LIMIT);
    } while (m.isPresent() && !(m.get() instanceof Pong));
    assertTrue(m.isPresent(), "pong: still connected");
  }

  /** The honest peer still gets new objects from the node, and the node from it. */
  private void assertStillServing() {
    long now = Instant.now().getEpochSecond();
    ObjectMessage fromNode = maker.make(now, 3600, 120);
    ObjectMessage fromHonest = maker.make(now, 3600, 121);
    node.peers().submit(fromNode);
    honest.peers().submit(fromHonest);
    Await.until(
        LIMIT,
        "node keeps relaying",
        () ->
            honest.inventory().contains(fromNode.inventoryVector())
                && node.inventory().contains(fromHonest.inventoryVector()));
  }

  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  private static byte[] verackFrame() {
    return MessageFrameCodec.encode(new dev.bitmsg.node.wire.VerAck()).toByteArray();
  }

  @Test
  void strayByte_disconnectsWithoutBan() throws Exception {
    try (RawPeer p = new RawPeer("127.0.0.10", endpoint)) {
      p.sendRaw(new byte[] {0x0a}); // a port probe's newline: "bad magic: 0a"
      assertDroppedNotBanned(p, "127.0.0.10");
    }
  }

  @Test
  void badMagic_disconnectsWithoutBan() throws Exception {
    byte[] f = verackFrame();
    f[0] = (byte) 0xE8;
    try (RawPeer p = new RawPeer("127.0.0.11", endpoint)) {
      p.sendRaw(f);
      assertDroppedNotBanned(p, "127.0.0.11");
    }
  }

  @Test
  void badChecksum_disconnectsWithoutBan() throws Exception {
    byte[] f =
        MessageFrameCodec.encode(RawPeer.version(1, 3, Instant.now().getEpochSecond(), List.of(1L)))
            .toByteArray();
    f[20] ^= 0x01;
    try (RawPeer p = new RawPeer("127.0.0.12", endpoint)) {
      p.sendRaw(f);
      assertDroppedNotBanned(p, "127.0.0.12");
    }
  }

  @Test
  void oversizedLength_disconnectsBeforeAnyPayload() throws Exception {
    // "verack" header declaring 0xfffffff0 payload bytes, none of which are ever sent.
    byte[] header = hex("e9beb4d976657261636b000000000000fffffff0cf83e135");
    try (RawPeer p = new RawPeer("127.0.0.13", endpoint)) {
      p.sendRaw(header);
      assertDroppedNotBanned(p, "127.0.0.13");
    }
  }

  @Test
  void nonMinimalVarIntAfterHandshake_disconnectsWithoutBan() throws Exception {
    // inv with count 1 written as fd 0001, then one vector: checksum right, var_int not minimal.
    byte[] payload = new byte[3 + 32];
    payload[0] = (byte) 0xfd;
    payload[2] = 1;
    byte[] frame =
        dev.bitmsg.node.wire.FrameCodec.encode(
                new dev.bitmsg.node.wire.Frame("inv", Bytes.of(payload)))
            .toByteArray();
    try (RawPeer p = new RawPeer("127.0.0.14", endpoint)) {
      p.handshake();
      p.sendRaw(frame);
      assertDroppedNotBanned(p, "127.0.0.14");
    }
  }

  @Test
  void invalidPowObjects_costPointsThenBanThatPeerOnly() throws Exception {
    long now = Instant.now().getEpochSecond();
    ObjectMessage bad = maker.spoil(maker.make(now, 3600, 300), now);
    ObjectMessage worse = maker.spoil(maker.make(now, 3600, 301), now);
    try (RawPeer p = new RawPeer("127.0.0.15", endpoint)) {
      p.handshake();
      p.send(bad);
      assertAnswersPing(p); // the object is dropped, the connection kept (50 points)
      assertFalse(node.peers().banList().isBanned(peerAt("127.0.0.15")));
      p.send(worse);
      assertTrue(p.closedByNode(LIMIT), "second invalid object: 100 points, banned");
    }
    assertBannedOnReconnect("127.0.0.15");
    // Another node behind the same address (listening on another port) is not affected.
    try (RawPeer neighbour = new RawPeer("127.0.0.15", endpoint)) {
      neighbour.handshake(
          RawPeer.version(0xbeef, 3, Instant.now().getEpochSecond(), List.of(1L), 9_444));
      assertAnswersPing(neighbour);
    }
    assertFalse(node.inventory().contains(bad.inventoryVector()));
    assertFalse(honest.inventory().contains(bad.inventoryVector()));
    assertStillServing();
  }

  @Test
  void powShortOnlyByOurClock_isDroppedWithoutPenalty() throws Exception {
    long now = Instant.now().getEpochSecond();
    // Valid for a relay whose clock runs 30 minutes ahead (the TTL it sees is shorter).
    ObjectMessage ahead = maker.solvedAhead(maker.make(now, 3600, 300), now, 1800);
    try (RawPeer p = new RawPeer("127.0.0.26", endpoint)) {
      p.handshake();
      for (int i = 0; i < 3; i++) {
        p.send(ahead);
      }
      assertAnswersPing(p);
    }
    assertFalse(node.peers().banList().isBanned(peerAt("127.0.0.26")));
    try (RawPeer again = new RawPeer("127.0.0.26", endpoint)) {
      again.handshake(); // reconnects at once
      assertAnswersPing(again);
    }
    assertFalse(node.inventory().contains(ahead.inventoryVector()), "dropped, not stored");
  }

  @Test
  void repeatedMalformedMessages_banThatPeer() throws Exception {
    byte[] junk = new byte[64];
    new SplittableRandom(9).nextBytes(junk);
    for (int i = 0; i < 10; i++) { // 10 points each: the tenth reaches the threshold
      assertFalse(node.peers().banList().isBanned(peerAt("127.0.0.27")), "not yet: " + i);
      try (RawPeer p = new RawPeer("127.0.0.27", endpoint)) {
        p.handshake();
        p.sendRaw(junk);
        assertTrue(p.closedByNode(LIMIT));
      }
    }
    Await.until(
        LIMIT,
        "banned after ten",
        () -> {
          try {
            return node.peers().banList().isBanned(peerAt("127.0.0.27"));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    assertBannedOnReconnect("127.0.0.27");
  }

  @Test
  void garbageAfterHandshake_disconnectsWithoutBan() throws Exception {
    byte[] junk = new byte[4096];
    new SplittableRandom(5).nextBytes(junk);
    try (RawPeer p = new RawPeer("127.0.0.16", endpoint)) {
      p.handshake();
      p.sendRaw(junk);
      assertDroppedNotBanned(p, "127.0.0.16");
    }
  }

  @Test
  void invFlood_isHeldBackNotPunished() throws Exception {
    SplittableRandom r = new SplittableRandom(6);
    try (RawPeer p = new RawPeer("127.0.0.17", endpoint)) {
      p.handshake();
      for (int round = 0; round < 3; round++) {
        List<InventoryVector> vs = new ArrayList<>();
        for (int i = 0; i < MAX_PENDING; i++) {
          byte[] b = new byte[32];
          r.nextBytes(b);
          vs.add(new InventoryVector(Bytes.of(b)));
        }
        p.send(new Inv(vs));
      }
      // The node asks for at most what it tracks per peer, and keeps the connection.
      int requested = 0;
      long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < end) {
        Optional<Message> m;
        try {
          m = p.receive(Duration.ofMillis(200));
        } catch (java.io.IOException quiet) {
          continue; // nothing within 200 ms
        }
        assertTrue(m.isPresent(), "connection kept");
        if (m.get() instanceof dev.bitmsg.node.wire.GetData g) {
          requested += g.vectors().size();
        }
      }
      assertTrue(requested > 0 && requested <= MAX_PENDING, "requested " + requested);
      assertFalse(node.peers().banList().isBanned(peerAt("127.0.0.17")));
    }
    assertStillServing();
  }

  @Test
  void invOverTheCountLimit_disconnectsWithoutBan() throws Exception {
    // count 50,001 (fd c351) followed by that many zero vectors: over MAX_INV_ITEMS.
    int n = 50_001;
    byte[] payload = new byte[3 + 32 * n];
    payload[0] = (byte) 0xfd;
    payload[1] = (byte) 0xc3;
    payload[2] = 0x51;
    // Built by hand: our own encoder refuses to send more than the send limit.
    byte[] sum = java.security.MessageDigest.getInstance("SHA-512").digest(payload);
    java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(24 + payload.length);
    frame
        .put(hex("e9beb4d9696e76000000000000000000"))
        .putInt(payload.length)
        .put(sum, 0, 4)
        .put(payload);
    try (RawPeer p = new RawPeer("127.0.0.18", endpoint)) {
      p.handshake();
      p.sendRaw(frame.array());
      assertDroppedNotBanned(p, "127.0.0.18");
    }
  }

  @Test
  void commandBeforeHandshake_closesWithoutBan() throws Exception {
    try (RawPeer p = new RawPeer("127.0.0.19", endpoint)) {
      p.send(new Ping());
      assertTrue(p.closedByNode(LIMIT));
    }
    assertFalse(node.peers().banList().isBanned(peerAt("127.0.0.19")));
  }

  @Test
  void oldProtocolVersion_getsFatalErrorThenClose() throws Exception {
    assertRefused(
        "127.0.0.20",
        RawPeer.version(7, 2, Instant.now().getEpochSecond(), List.of(1L)),
        "protocol version");
  }

  @Test
  void clockSkewOverAnHour_refused() throws Exception {
    assertRefused(
        "127.0.0.21",
        RawPeer.version(8, 3, Instant.now().getEpochSecond() + 3700, List.of(1L)),
        "clock");
  }

  @Test
  void emptyStreamList_refused() throws Exception {
    assertRefused(
        "127.0.0.22", RawPeer.version(9, 3, Instant.now().getEpochSecond(), List.of()), "stream");
  }

  @Test
  void ownNonce_detectedAsSelfConnection() throws Exception {
    try (RawPeer first = new RawPeer("127.0.0.23", endpoint)) {
      Version nodeVersion = first.handshake();
      assertTrue(nodeVersion.userAgentText().startsWith("/bitmsg:"));
      assertEquals(List.of(1L), nodeVersion.streams());
      assertEquals(
          Version.NODE_NETWORK | Version.NODE_SSL,
          nodeVersion.services(),
          "advertises NODE_NETWORK and NODE_SSL");
      assertRefused(
          "127.0.0.24",
          RawPeer.version(nodeVersion.nonce(), 3, Instant.now().getEpochSecond(), List.of(1L)),
          "myself");
      // the first connection is unaffected and answers pings
      first.send(new Ping());
      Optional<Message> m;
      do {
        m = first.receive(LIMIT);
      } while (m.isPresent() && !(m.get() instanceof Pong));
      assertTrue(m.isPresent(), "pong");
    }
  }

  private void assertRefused(String ip, Version v, String reasonPart) throws Exception {
    try (RawPeer p = new RawPeer(ip, endpoint)) {
      p.send(v);
      Optional<Message> m = p.receive(LIMIT);
      assertTrue(m.isPresent() && m.get() instanceof ErrorMessage, "error message, got " + m);
      ErrorMessage e = (ErrorMessage) m.get();
      assertEquals(ErrorMessage.FATAL, e.fatal());
      assertTrue(e.textString().contains(reasonPart), e.textString());
      assertTrue(p.closedByNode(LIMIT));
    }
  }
}
