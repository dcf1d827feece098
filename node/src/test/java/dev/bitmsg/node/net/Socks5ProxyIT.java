package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.store.KnownNode;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.RawPeer;
import dev.bitmsg.node.testing.Socks5Server;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.Addr;
import dev.bitmsg.node.wire.HostEncoding;
import dev.bitmsg.node.wire.NetworkAddress;
import dev.bitmsg.node.wire.TimedNetworkAddress;
import dev.bitmsg.node.wire.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound connections through a SOCKS5 proxy (the in-test {@link Socks5Server}, which records
 * every CONNECT and connects from its own address 127.0.0.50): every dial goes through it, names
 * are handed to it unresolved, each peer gets its own credentials, {@code --onion-only} never asks
 * it for a clearnet address, and an onion peer learned from addr is dialled through it by name.
 */
@NetworkTest
class Socks5ProxyIT {
  private static final Duration LIMIT = Duration.ofSeconds(15);
  private static final String PROXY_IP = "127.0.0.50";

  /** A v3 name: 56 base32 characters (the test proxy maps it, Tor is not involved). */
  private static final String ONION_V3 =
      "pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion";

  private static final String ONION_V2 = "expyuzz4wqqyqhjn.onion";

  @TempDir Path tmp;

  private static PrivacySettings viaProxy(Socks5Server proxy, boolean onionOnly) {
    return PrivacySettings.defaults()
        .withSocks5(Optional.of(Socks5Proxy.at(proxy.endpoint())), onionOnly);
  }

  /**
   * Node B: an onion service ({@link #ONION_V3} on {@code onionPort}) that dials only onion names,
   * through {@code proxy}.
   */
  private Node onionService(Socks5Server proxy, int onionPort) throws Exception {
    return start(
        "b",
        0,
        List.of(),
        viaProxy(proxy, true).withOnionService(Optional.of(OnionName.parse(ONION_V3)), onionPort));
  }

  private Node start(String name, int port, List<HostPort> connect, PrivacySettings privacy)
      throws Exception {
    NodeConfig c = TestNetwork.config(tmp.resolve(name), port, List.of(), TestNetwork.settings());
    NodeConfig withProxy =
        new NodeConfig(
            c.dataDir(),
            c.listen(),
            connect,
            c.bootstrap(),
            c.powService(),
            c.peers(),
            c.cleanupInterval(),
            privacy);
    return NodeAssembly.start(TestNetwork.setup(withProxy));
  }

  /** The hosts of {@code node}'s established peers as it sees their remote addresses. */
  private static Set<String> inboundHosts(Node node) {
    Set<String> out = new HashSet<>();
    for (PeerInfo p : node.peers().peers()) {
      out.add(p.remote().getAddress().getHostAddress());
    }
    return out;
  }

  @Test
  void connectOnionAndLiteral_bothThroughTheProxy_distinctCredentials() throws Exception {
    try (Socks5Server proxy = new Socks5Server(PROXY_IP);
        Node b = start("b", 0, List.of(), PrivacySettings.defaults());
        Node c = start("c", 0, List.of(), PrivacySettings.defaults())) {
      proxy.map(ONION_V3, TestNetwork.endpoint(b));
      HostPort onion = new HostPort(ONION_V3, 8444);
      HostPort literal = TestNetwork.endpoint(c);
      try (Node a =
          start("a", TestNetwork.CLIENT_ONLY, List.of(onion, literal), viaProxy(proxy, false))) {
        Await.until(LIMIT, "A reaches B and C", () -> a.peers().peers().size() == 2);
        List<Socks5Server.Request> reqs = proxy.requests();
        assertEquals(2, reqs.size(), "one CONNECT per peer: " + reqs);
        Socks5Server.Request toOnion =
            reqs.stream().filter(r -> r.host().equals(ONION_V3)).findFirst().orElseThrow();
        assertEquals(Socks5Server.AddressType.DOMAIN, toOnion.type(), "the name, unresolved");
        assertEquals(8444, toOnion.port());
        Socks5Server.Request toLiteral =
            reqs.stream().filter(r -> r.host().equals(literal.host())).findFirst().orElseThrow();
        assertEquals(Socks5Server.AddressType.IPV4, toLiteral.type());
        assertTrue(toOnion.user().isPresent() && toLiteral.user().isPresent(), "credentials sent");
        assertFalse(
            toOnion.password().equals(toLiteral.password())
                && toOnion.user().equals(toLiteral.user()),
            "each peer has its own credentials (Tor stream isolation)");
        // No direct connection: B and C only ever saw the proxy.
        assertEquals(Set.of(PROXY_IP), inboundHosts(b));
        assertEquals(Set.of(PROXY_IP), inboundHosts(c));
        // The onion peer is a known node under its name.
        Await.until(
            LIMIT,
            "onion peer known",
            () ->
                a.knownNodes().seenSince(1, 0, 100).stream()
                    .anyMatch(n -> n.host().equals(ONION_V3) && n.port() == 8444));
      }
    }
  }

  @Test
  void onionOnly_neverAsksTheProxyForClearnet_andOnionFromAddrIsDialledByName() throws Exception {
    try (Socks5Server proxy = new Socks5Server(PROXY_IP);
        Node b = start("b", 0, List.of(), PrivacySettings.defaults());
        Node c = start("c", 0, List.of(), PrivacySettings.defaults())) {
      proxy.map(ONION_V2, TestNetwork.endpoint(b));
      HostPort clear = TestNetwork.endpoint(c);
      try (Node a = start("a", 0, List.of(), viaProxy(proxy, true));
          RawPeer gossip = new RawPeer("127.0.0.51", TestNetwork.endpoint(a))) {
        gossip.handshake();
        long now = Instant.now().getEpochSecond();
        gossip.send(
            new Addr(
                List.of(
                    new TimedNetworkAddress(
                        now,
                        1,
                        new NetworkAddress(
                            Version.NODE_NETWORK,
                            HostEncoding.encode(java.net.InetAddress.getByName(clear.host())),
                            clear.port())),
                    new TimedNetworkAddress(
                        now,
                        1,
                        new NetworkAddress(
                            Version.NODE_NETWORK, HostEncoding.onion(ONION_V2), 8444)))));
        Await.until(
            LIMIT, "A dials the onion peer from addr", () -> inboundHosts(b).contains(PROXY_IP));
        Await.until(
            LIMIT,
            "both entries known",
            () -> {
              List<KnownNode> known = a.knownNodes().seenSince(1, 0, 100);
              return known.stream().anyMatch(n -> n.host().equals(ONION_V2))
                  && known.stream().anyMatch(n -> n.host().equals(clear.host()));
            });
        Thread.sleep(1000); // a few dial rounds (200 ms each) with the clearnet node known
        for (Socks5Server.Request r : proxy.requests()) {
          assertEquals(Socks5Server.AddressType.DOMAIN, r.type(), "only onion names: " + r);
          assertTrue(r.host().endsWith(".onion"), "only onion names: " + r);
        }
        assertFalse(inboundHosts(c).contains(PROXY_IP), "the clearnet node was never proxied to");
        for (PeerInfo p : a.peers().peers()) {
          if (!p.inbound()) {
            assertEquals(ONION_V2, p.remote().getHostString(), "A's only outbound peer: " + p);
          }
        }
      }
    }
  }

  @Test
  void onionService_advertisedInAnOnionpeerObject_andInVersionsOverTor() throws Exception {
    try (Socks5Server proxy = new Socks5Server(PROXY_IP);
        Node b = onionService(proxy, 9444);
        Node a =
            start(
                "a",
                TestNetwork.CLIENT_ONLY,
                List.of(TestNetwork.endpoint(b)),
                PrivacySettings.defaults());
        RawPeer viaTor = new RawPeer("127.0.0.1", TestNetwork.endpoint(b))) {
      // Tor delivers onion service connections from loopback: B tells them its onion port.
      assertEquals(9444, viaTor.handshake().addrFrom().port());
      Await.until(
          LIMIT,
          "A learns B's onion name from its onionpeer object",
          () ->
              a.knownNodes().seenSince(1, 0, 100).stream()
                  .anyMatch(n -> n.host().equals(ONION_V3) && n.port() == 9444));
      assertTrue(proxy.requests().isEmpty(), "B never dials its own onion name");
    }
  }

  @Test
  void v3OnionLearntFromAnOnionpeerObject_isDialledThroughTheProxyByName() throws Exception {
    try (Socks5Server proxy = new Socks5Server(PROXY_IP);
        Node b = onionService(proxy, 8444);
        Node a = start("a", 0, List.of(TestNetwork.endpoint(b)), PrivacySettings.defaults())) {
      proxy.map(ONION_V3, TestNetwork.endpoint(b));
      Await.until(
          LIMIT,
          "A holds B's onionpeer object",
          () ->
              a.knownNodes().seenSince(1, 0, 100).stream()
                  .anyMatch(n -> n.host().equals(ONION_V3)));
      // C knows only A; it learns B's onion name from the object A passes on and dials it.
      try (Node c = start("c", TestNetwork.CLIENT_ONLY, List.of(), viaProxy(proxy, false))) {
        HostPort atA = TestNetwork.endpoint(a);
        long now = Instant.now().getEpochSecond();
        c.knownNodes().upsert(new KnownNode(atA.host(), atA.port(), 1, 1, now, 0));
        Await.until(
            LIMIT,
            "C dials B's onion name through the proxy",
            () ->
                c.peers().peers().stream()
                    .anyMatch(p -> p.remote().getHostString().equals(ONION_V3)));
        assertTrue(
            proxy.requests().stream()
                .anyMatch(
                    r ->
                        r.type() == Socks5Server.AddressType.DOMAIN
                            && r.host().equals(ONION_V3)
                            && r.port() == 8444));
      }
    }
  }

  @Test
  void bootstrapNames_goToTheProxyUnresolved_whenNoNodeIsKnown() throws Exception {
    try (Socks5Server proxy = new Socks5Server(PROXY_IP)) {
      // The test network has no built-in bootstrap list; the proxy refuses every name it does not
      // map, so nothing leaves the machine.
      NodeConfig c =
          new NodeConfig(
              tmp.resolve("boot"),
              Optional.empty(),
              List.of(),
              true,
              Optional.empty(),
              TestNetwork.settings(),
              Duration.ofMinutes(10),
              viaProxy(proxy, false));
      try (Node n = NodeAssembly.start(TestNetwork.setup(c))) {
        Await.until(
            LIMIT,
            () -> "bootstrap names asked of the proxy: " + proxy.requests(),
            () -> {
              Set<String> names = new HashSet<>();
              for (Socks5Server.Request r : proxy.requests()) {
                if (r.type() == Socks5Server.AddressType.DOMAIN) {
                  names.add(r.target().toString());
                }
              }
              return names.containsAll(
                  Set.of(
                      "bootstrap8080.bitmessage.org:8080",
                      "bootstrap8444.bitmessage.org:8444",
                      "quzwelsuziwqgpt2.onion:8444"));
            });
      }
    }
  }
}
